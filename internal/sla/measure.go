package sla

import (
	"sort"
	"time"
)

// Timeline holds the moments a request's clocks are measured between, taken
// from its transitions and records. Zero times have not happened yet.
type Timeline struct {
	ReceivedAt    time.Time
	RecordedAt    time.Time
	ClassifiedAt  time.Time
	AssignedAt    time.Time
	StartedAt     time.Time
	RespondedAt   time.Time // first contact back to the customer
	ResolvedAt    time.Time // result note given (short path) or delivered (full path)
	ResultGivenAt time.Time // the result told to the customer
	HandedOverAt  time.Time // result told or delivery accepted: the survey clock starts
	SurveyedAt    time.Time // feedback recorded, or why none could be had
	ClosedAt      time.Time // archived, rejected or cancelled: every running clock stops
	// Updates are the progress updates given to the customer.
	Updates []time.Time
	// Waiting are the stretches spent waiting for the customer or on hold.
	Waiting []Pause
	// Stopped are the stretches the request spent closed before it was
	// reopened or restored: every clock stood still.
	Stopped []Pause
	// Calls are the calls whose waiting time was recorded, in the order
	// of the records (see EvaluateChannels).
	Calls []Call
	// HandoverAt is the first hand-over to another department.
	HandoverAt time.Time
	// The complaint measured (the oldest one not yet answered, else the
	// latest): registered, investigation taken up, customer answered.
	ComplaintAt         time.Time
	ComplaintAcceptedAt time.Time
	ComplaintAnsweredAt time.Time
}

// Call is a phone call that rang at Rang and was picked up at Answered.
type Call struct {
	Rang     time.Time
	Answered time.Time
}

// State of a measured clock.
type State string

// States. Running clocks are on track, due soon or breached; finished ones
// were met or late.
const (
	StateNotStarted State = "not_started"
	StateOnTrack    State = "on_track"
	StateDueSoon    State = "due_soon"
	StateBreached   State = "breached"
	StatePaused     State = "paused"
	StateMet        State = "met"
	StateLate       State = "late"
	StateStopped    State = "stopped" // the request closed before the clock finished
)

// Measure is one clock of one request at one moment.
type Measure struct {
	Kind  Kind      `json:"kind"`
	Limit Limit     `json:"limit"`
	Start time.Time `json:"start"`
	Due   time.Time `json:"due"`  // zero while an open pause holds the clock
	Done  time.Time `json:"done"` // when it was met (or missed); zero while running
	State State     `json:"state"`
	// Allowance is the clock time the limit grants, and Remaining what is
	// left of it now (negative once breached), both in seconds.
	Allowance int64 `json:"allowance"`
	Remaining int64 `json:"remaining"`
}

// Evaluate measures every clock of policy p that applies to the timeline at
// now. A running clock is due soon when less than dueSoonPercent of its
// allowance remains. Clocks that have not started (say, resolve before
// receipt) are left out, as are limits that are off.
func (c *Calendar) Evaluate(p Policy, tl Timeline, now time.Time, dueSoonPercent int) ([]Measure, error) {
	var out []Measure
	add := func(k Kind, lim Limit, start, done time.Time, pauses []Pause) error {
		if lim.Off() || start.IsZero() {
			return nil
		}
		if len(tl.Stopped) > 0 {
			pauses = append(append([]Pause(nil), tl.Stopped...), pauses...)
		}
		m, err := c.measure(k, lim, start, done, tl.ClosedAt, pauses, now, dueSoonPercent)
		if err != nil {
			return err
		}
		out = append(out, m)
		return nil
	}
	var resolvePauses []Pause
	if p.PauseWhileWaiting {
		resolvePauses = tl.Waiting
	}
	steps := []struct {
		kind        Kind
		start, done time.Time
		pauses      []Pause
	}{
		{KindRecord, tl.ReceivedAt, tl.RecordedAt, nil},
		{KindClassify, tl.ReceivedAt, tl.ClassifiedAt, nil},
		{KindRespond, tl.ReceivedAt, tl.RespondedAt, nil},
		{KindStart, tl.AssignedAt, tl.StartedAt, nil},
		{KindResolve, tl.ReceivedAt, tl.ResolvedAt, resolvePauses},
		{KindResultFeedback, tl.ResolvedAt, tl.ResultGivenAt, nil},
		{KindSurvey, tl.HandedOverAt, tl.SurveyedAt, nil},
	}
	for _, s := range steps {
		if err := add(s.kind, p.Limit(s.kind), s.start, s.done, s.pauses); err != nil {
			return nil, err
		}
		if s.kind == KindStart {
			if err := c.progress(p, tl, now, dueSoonPercent, &out); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// progress measures the progress-update clock: once handling has run longer
// than ProgressAfter, an update is owed ProgressEvery after the start of
// handling or the last update, until the request is resolved.
func (c *Calendar) progress(p Policy, tl Timeline, now time.Time, dueSoonPercent int, out *[]Measure) error {
	if p.ProgressEvery.Off() || tl.StartedAt.IsZero() {
		return nil
	}
	end := now
	if !tl.ResolvedAt.IsZero() {
		end = tl.ResolvedAt
	}
	if !tl.ClosedAt.IsZero() && tl.ClosedAt.Before(end) {
		end = tl.ClosedAt
	}
	if !p.ProgressAfter.Off() {
		threshold, err := c.Due(tl.StartedAt, p.ProgressAfter, nil)
		if err != nil {
			return err
		}
		if !end.After(threshold) {
			return nil
		}
	}
	last := tl.StartedAt
	updates := append([]time.Time(nil), tl.Updates...)
	sort.Slice(updates, func(i, j int) bool { return updates[i].Before(updates[j]) })
	for _, u := range updates {
		if u.After(last) && !u.After(end) {
			last = u
		}
	}
	done := time.Time{}
	if end != now {
		done = end // resolved or closed: nothing more is owed
	}
	m, err := c.measure(KindProgress, p.ProgressEvery, last, done, time.Time{}, tl.Stopped, now, dueSoonPercent)
	if err != nil {
		return err
	}
	if !done.IsZero() {
		// The last interval ended with the resolution, not with an update:
		// it counts as met if the resolution came in time.
		m.State = map[bool]State{true: StateMet, false: StateLate}[!done.After(m.Due)]
	}
	*out = append(*out, m)
	return nil
}

func (c *Calendar) measure(k Kind, lim Limit, start, done, closed time.Time, pauses []Pause, now time.Time, dueSoonPercent int) (Measure, error) {
	m := Measure{Kind: k, Limit: lim, Start: start, Done: done}
	// Pauses only count up to the moment the clock stopped.
	until := now
	if !done.IsZero() {
		until = done
	} else if !closed.IsZero() {
		until = closed
	}
	pauses = clip(pauses, until)
	allowance, err := c.Allowance(start, lim)
	if err != nil {
		return m, err
	}
	m.Allowance = int64(allowance / time.Second)
	if m.Due, err = c.Due(start, lim, pauses); err != nil {
		return m, err
	}
	switch {
	case !done.IsZero():
		m.State = StateMet
		if done.After(m.Due) {
			m.State = StateLate
		}
		return m, nil
	case !closed.IsZero():
		// The request closed first: the clock stops there, neither met nor
		// breached, and is no longer running.
		m.State, m.Done = StateStopped, closed
		return m, nil
	case m.Due.IsZero():
		m.State = StatePaused
	}
	used, err := c.Elapsed(start, now, lim.Clock, pauses)
	if err != nil {
		return m, err
	}
	m.Remaining = m.Allowance - int64(used/time.Second)
	if m.State == StatePaused {
		return m, nil
	}
	switch {
	case !now.Before(m.Due):
		m.State = StateBreached
		if m.Remaining > 0 {
			m.Remaining = 0
		}
	case m.Remaining*100 < m.Allowance*int64(dueSoonPercent):
		m.State = StateDueSoon
	default:
		m.State = StateOnTrack
	}
	return m, nil
}

// clip drops the pauses that begin at or after until and ends the closed
// ones that run past it; an open pause stays open.
func clip(pauses []Pause, until time.Time) []Pause {
	var out []Pause
	for _, p := range pauses {
		if !p.From.Before(until) {
			continue
		}
		if !p.Open() && p.To.After(until) {
			p.To = until
		}
		out = append(out, p)
	}
	return out
}
