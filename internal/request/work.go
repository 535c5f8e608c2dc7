package request

import (
	"time"

	"github.com/reqdesk/reqdesk/internal/sla"
)

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

// ClockBadge is a request's most pressing running time limit, as the list
// and the board show it.
type ClockBadge struct {
	Kind      string    `json:"kind"`
	State     sla.State `json:"state"`
	Due       time.Time `json:"due"`
	Remaining int64     `json:"remaining"` // seconds
}

// Alert is a running clock that needs attention: due soon or breached.
type Alert struct {
	RequestID string    `json:"requestId"`
	Number    string    `json:"number"`
	Title     string    `json:"title"`
	Customer  string    `json:"customer"`
	Urgency   Urgency   `json:"urgency"`
	Owner     string    `json:"owner"`
	Kind      sla.Kind  `json:"kind"`
	State     sla.State `json:"state"`
	Due       time.Time `json:"due"`
	Remaining int64     `json:"remaining"`
	Escalated bool      `json:"escalated"`
}

// AlertList is what the notification centre shows: the most pressing
// alerts, at most MaxAlerts, and how many clocks are breached and due soon
// in all, listed or not.
type AlertList struct {
	Items    []Alert `json:"items"`
	Breached int     `json:"breached"`
	DueSoon  int     `json:"dueSoon"`
}

// MaxAlerts is how many alerts the notification centre lists: enough to
// work through, few enough to send and show at once with thousands due.
const MaxAlerts = 200

// Escalation records that a request was brought to someone's attention:
// a breached time limit to the supervisor, an emergency to the leader of the
// response group.
type Escalation struct {
	ID        string    `json:"id"`
	RequestID string    `json:"requestId"`
	At        time.Time `json:"at"`
	Reason    string    `json:"reason"` // breach, emergency
	Clock     string    `json:"clock"`
	Recipient string    `json:"recipient"`
	Note      string    `json:"note"`
	Actor     string    `json:"actor"`
}
