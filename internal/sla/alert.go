package sla

import (
	"slices"
	"sort"
	"time"
)

// Running is a stored clock that has not finished: the request it measures,
// which limit, when it started, when it is due (zero while paused), its
// allowance in seconds and the clock its limit counts on.
type Running struct {
	RequestID string
	Kind      Kind
	Start     time.Time
	Due       time.Time
	Allowance int64
	Clock     Clock
}

// Standing says where a running clock stands at now, and the working time
// left on its own clock in seconds (negative: the time past due). A clock is
// breached from its due moment on, whatever the calendar; due soon when
// less than dueSoonPercent of its allowance remains; paused without a due
// moment.
func (c *Calendar) Standing(r Running, now time.Time, dueSoonPercent int) (State, int64) {
	if r.Due.IsZero() {
		return StatePaused, 0
	}
	if !now.Before(r.Due) {
		// Overdue: the time past due on the limit's own clock, as a negative.
		over, err := c.Elapsed(r.Due, now, r.Clock, nil)
		if err != nil {
			return StateBreached, 0
		}
		return StateBreached, -int64(over / time.Second)
	}
	// Remaining working time is the working time until the due moment.
	left, err := c.Elapsed(now, r.Due, r.Clock, nil)
	if err != nil {
		return StateOnTrack, 0
	}
	rem := int64(left / time.Second)
	if rem*100 < r.Allowance*int64(dueSoonPercent) {
		return StateDueSoon, rem
	}
	return StateOnTrack, rem
}

// Breached reports whether a running clock is past due at now: due at or
// before now, whatever the calendar; a paused clock never is.
func (r Running) Breached(now time.Time) bool {
	return !r.Due.IsZero() && !now.Before(r.Due)
}

// severity orders the states of running clocks from the most pressing.
var severity = map[State]int{StateBreached: 3, StateDueSoon: 2, StateOnTrack: 1, StatePaused: 0}

// MorePressing reports whether a running clock in state a due at aDue needs
// attention before one in state b due at bDue: the more severe first
// (breached, due soon, on track, paused), then the earliest due. The
// notification centre, the dashboard's risks and the list's badges all
// order by it.
func MorePressing(a State, aDue time.Time, b State, bDue time.Time) bool {
	if severity[a] != severity[b] {
		return severity[a] > severity[b]
	}
	return aDue.Before(bDue)
}

// Top keeps the most pressing of the clocks it is given, at most Limit
// (every one when Limit is negative; none when zero), equally pressing ones
// in the order given, and counts them all by state. A short list is kept
// sorted as the clocks come rather than all of them sorted. Before orders
// two of them (see MorePressing).
type Top[T any] struct {
	Limit             int
	Before            func(a, b T) bool
	top               []T
	Breached, DueSoon int
}

// Add offers k, a clock in state st.
func (p *Top[T]) Add(k T, st State) {
	switch st {
	case StateBreached:
		p.Breached++
	case StateDueSoon:
		p.DueSoon++
	}
	if p.Limit < 0 {
		p.top = append(p.top, k)
		return
	}
	if p.Limit == 0 || len(p.top) == p.Limit && !p.Before(k, p.top[p.Limit-1]) {
		return
	}
	at := sort.Search(len(p.top), func(j int) bool { return p.Before(k, p.top[j]) })
	p.top = slices.Insert(p.top, at, k)
	if len(p.top) > p.Limit {
		p.top = p.top[:p.Limit]
	}
}

// List returns the clocks kept, the most pressing first.
func (p *Top[T]) List() []T {
	if p.Limit < 0 {
		sort.SliceStable(p.top, func(i, j int) bool { return p.Before(p.top[i], p.top[j]) })
	}
	return p.top
}
