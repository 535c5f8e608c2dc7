package request

import (
	"sort"
	"time"

	"github.com/reqdesk/reqdesk/internal/sla"
)

// AllAlerts asks Alerts for every alert, not only the most pressing.
const AllAlerts = -1

// Alerts is the one definition of the clocks that need attention, which the
// notification centre and the dashboard both count and list: every running
// clock with a due moment that is breached (due at or before now, whatever
// the calendar) or due soon (less than dueSoonPercent of its allowance
// left on cal), the most pressing first (sla.MorePressing), at most limit
// of them listed (every one when limit is AllAlerts). The alerts carry the
// clock only; the request's number, title and customer are the caller's to
// fill in for those listed.
func Alerts(cal *sla.Calendar, dueSoonPercent int, clocks []sla.Running, now time.Time, limit int) AlertList {
	type due struct {
		clock sla.Running
		state sla.State
		rem   int64
	}
	top := sla.Top[due]{Limit: limit, Before: func(a, b due) bool { return sla.MorePressing(a.state, a.clock.Due, b.state, b.clock.Due) }}
	for _, c := range clocks {
		if c.Due.IsZero() {
			continue // paused
		}
		d := due{clock: c, state: sla.StateBreached}
		if !c.Breached(now) {
			// Breached needs no calendar; the time overdue is worked out
			// below, only for those listed.
			if d.state, d.rem = cal.Standing(c, now, dueSoonPercent); d.state != sla.StateDueSoon {
				continue
			}
		}
		top.Add(d, d.state)
	}
	picked := top.List()
	out := AlertList{Items: make([]Alert, len(picked)), Breached: top.Breached, DueSoon: top.DueSoon}
	for i, d := range picked {
		if d.state == sla.StateBreached {
			_, d.rem = cal.Standing(d.clock, now, dueSoonPercent)
		}
		out.Items[i] = Alert{RequestID: d.clock.RequestID, Kind: d.clock.Kind, State: d.state, Due: d.clock.Due, Remaining: d.rem}
	}
	return out
}

// Badges picks, for each request of the running clocks given, its most
// pressing clock (sla.MorePressing), as the list and the board show it.
func Badges(cal *sla.Calendar, dueSoonPercent int, clocks []sla.Running, now time.Time) map[string]ClockBadge {
	out := map[string]ClockBadge{}
	for _, c := range clocks {
		st, rem := cal.Standing(c, now, dueSoonPercent)
		b, seen := out[c.RequestID]
		if !seen || sla.MorePressing(st, c.Due, b.State, b.Due) {
			out[c.RequestID] = ClockBadge{Kind: string(c.Kind), State: st, Due: c.Due, Remaining: rem}
		}
	}
	return out
}

// Reasons of an escalation.
const (
	EscalateBreach    = "breach"    // a time limit breached, to the supervisor
	EscalateEmergency = "emergency" // an emergency request, to the response-group leader
)

// EscalationInput is what deciding the escalations due needs: who receives
// them (from the settings), the time, the running clocks of open requests
// that have no breach escalation yet, and the open urgent requests that
// have no emergency escalation yet.
type EscalationInput struct {
	Now            time.Time
	Supervisor     string
	ResponseLeader string
	Clocks         []sla.Running
	Urgent         []string
}

// DueEscalations decides the escalations due: each breached clock once, to
// the supervisor, the earliest due first; each urgent (emergency) request
// once, to the response-group leader. Without a supervisor or a leader,
// that kind is not escalated. The escalations come without id and time,
// which the caller gives them when recording them.
func DueEscalations(in EscalationInput) []Escalation {
	var out []Escalation
	if in.Supervisor != "" {
		var breached []sla.Running
		for _, c := range in.Clocks {
			if c.Breached(in.Now) {
				breached = append(breached, c)
			}
		}
		sort.SliceStable(breached, func(i, j int) bool { return breached[i].Due.Before(breached[j].Due) })
		for _, c := range breached {
			out = append(out, Escalation{RequestID: c.RequestID, Reason: EscalateBreach, Clock: string(c.Kind),
				Recipient: in.Supervisor, Note: "「" + c.Kind.Name() + "」时限已超", Actor: "system"})
		}
	}
	if in.ResponseLeader != "" {
		for _, id := range in.Urgent {
			out = append(out, Escalation{RequestID: id, Reason: EscalateEmergency, Recipient: in.ResponseLeader,
				Note: "紧急需求，报应急响应小组组长", Actor: "system"})
		}
	}
	return out
}
