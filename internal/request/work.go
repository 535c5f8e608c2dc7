package request

import "time"

// Column is one stage of the board: how many requests stand there and the
// most recently changed of them.
type Column struct {
	Status Status `json:"status"`
	Total  int    `json:"total"`
	Items  []Row  `json:"items"`
}

// WorkItem is one thing the current user should do next.
type WorkItem struct {
	Kind      string    `json:"kind"` // triage, own, approve, review, task, follow_up
	RequestID string    `json:"requestId"`
	Number    string    `json:"number"`
	Title     string    `json:"title"`
	Customer  string    `json:"customer"`
	Status    Status    `json:"status"`
	Urgency   Urgency   `json:"urgency"`
	Detail    string    `json:"detail"` // the task's title, the department to review for, the follow-up date
	Due       string    `json:"due"`
	UpdatedAt time.Time `json:"updatedAt"`
}
