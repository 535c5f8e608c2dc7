package request

import (
	"slices"
	"sort"
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

// WorkKinds are the groups of 我的工作, in the order they are shown:
// triage and assignment first (nobody can start before them), approvals and
// reviews (others wait on them), one's own requests, tasks, and requests on
// hold to follow up. Every open request falls in at least one person's
// group: registered ones to triage and requests without an owner to assign
// go to the supervisors, plans to approve to the general manager, plans to
// review to the reviewing departments, and every request with an owner to
// its owner (on hold: to follow up). When nobody holds the supervisor or the
// general manager role, the person at the desk does that work.
var WorkKinds = []string{"triage", "assign", "approve", "review", "own", "task", "follow_up"}

// BoardStatuses are the board's columns: the open stages in process order.
func BoardStatuses() []Status { return OpenStatuses() }

// Worker is the person 我的工作 is made for, as its rules see them.
type Worker struct {
	Name       string
	Roles      []Role
	Department string
	// Held are the roles some active person holds.
	Held []Role
}

// Does reports whether w does the work of role r: holding it, or nobody
// holding it, for a role nobody holds is the desk's and its work must
// reach someone.
func (w Worker) Does(r Role) bool {
	return hasRole(w.Roles, r) || !hasRole(w.Held, r)
}

// OwnerMatch says whose requests a group of work takes.
type OwnerMatch int

// The owners a group of work takes requests of.
const (
	AnyOwner      OwnerMatch = iota
	NoOwner                  // requests without an owner
	OwnedByWorker            // the worker's own requests
	WorkerOrNone             // the worker's own and those without an owner
)

// WorkGroup is one group of a worker's 我的工作 that the requests alone
// decide: those standing at one of Statuses whose owner is as Owner says.
// FollowUp says that an item's detail is the request's follow-up date.
type WorkGroup struct {
	Kind     string // one of WorkKinds
	Statuses []Status
	Owner    OwnerMatch
	FollowUp bool
}

// WorkGroups are the groups of w's 我的工作 found in the requests, as
// WorkKinds describes them: registered requests to triage and open ones
// without an owner to assign (supervisors), plans to approve (the general
// manager), their own open requests, and their requests on hold to follow
// up (and, for supervisors, those nobody owns). Plans to review and tasks
// are found in the records: see ReviewWork and the store's open tasks.
func WorkGroups(w Worker) []WorkGroup {
	var out []WorkGroup
	open := func(except ...Status) []Status {
		var sts []Status
		for _, st := range BoardStatuses() {
			if !slices.Contains(except, st) {
				sts = append(sts, st)
			}
		}
		return sts
	}
	supervisor := w.Does(RoleSupervisor)
	if supervisor {
		out = append(out,
			WorkGroup{Kind: "triage", Statuses: []Status{StatusRegistered}},
			WorkGroup{Kind: "assign", Statuses: open(StatusRegistered, StatusOnHold), Owner: NoOwner})
	}
	if w.Does(RoleGeneralManager) {
		out = append(out, WorkGroup{Kind: "approve", Statuses: []Status{StatusPlanApproval}})
	}
	out = append(out, WorkGroup{Kind: "own", Statuses: open(StatusOnHold), Owner: OwnedByWorker})
	followUp := WorkGroup{Kind: "follow_up", Statuses: []Status{StatusOnHold}, Owner: OwnedByWorker, FollowUp: true}
	if supervisor {
		followUp.Owner = WorkerOrNone
	}
	return append(out, followUp)
}

// ReviewWork is the review a department has to give on a request whose
// plan is under review, if the plan waits for its opinion.
func ReviewWork(r Request, recs []Record, department string) (WorkItem, bool) {
	if department == "" || r.Status != StatusPlanReview {
		return WorkItem{}, false
	}
	for _, d := range Summarize(r, recs, nil).PendingReviews {
		if d == department {
			return WorkItem{Kind: "review", RequestID: r.ID, Number: r.Number, Title: r.Fields.Title,
				Customer: r.CustomerName, Status: r.Status, Urgency: r.Fields.Urgency, Detail: d, UpdatedAt: r.UpdatedAt}, true
		}
	}
	return WorkItem{}, false
}

// SortWork orders items by group (WorkKinds) and, in each group, by what
// is due first: a running clock's due moment, else a task's due date or the
// follow-up date; items with nothing due come last, most recently changed
// first.
func SortWork(items []WorkItem, loc *time.Location) {
	rank := map[string]int{}
	for i, k := range WorkKinds {
		rank[k] = i
	}
	due := func(w WorkItem) time.Time {
		if w.Clock != nil && !w.Clock.Due.IsZero() {
			return w.Clock.Due
		}
		d := w.Due
		if w.Kind == "follow_up" {
			d = w.Detail
		}
		t, err := time.ParseInLocation("2006-01-02", d, loc)
		if err != nil {
			return time.Time{}
		}
		return t
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if ra, rb := rank[a.Kind], rank[b.Kind]; ra != rb {
			return ra < rb
		}
		da, db := due(a), due(b)
		switch {
		case da.IsZero() != db.IsZero():
			return db.IsZero()
		case !da.Equal(db):
			return da.Before(db)
		}
		return a.UpdatedAt.After(b.UpdatedAt)
	})
}

// WorkItem is one thing the current user should do next.
type WorkItem struct {
	Kind      string    `json:"kind"` // one of WorkKinds
	RequestID string    `json:"requestId"`
	Number    string    `json:"number"`
	Title     string    `json:"title"`
	Customer  string    `json:"customer"`
	Status    Status    `json:"status"`
	Urgency   Urgency   `json:"urgency"`
	Detail    string    `json:"detail"` // the task's title, the department to review for, the follow-up date
	Due       string    `json:"due"`
	UpdatedAt time.Time `json:"updatedAt"`
	// Clock is the request's most pressing running time limit, if any.
	Clock *ClockBadge `json:"clock"`
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
