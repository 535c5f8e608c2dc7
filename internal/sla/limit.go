package sla

import (
	"fmt"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// Unit is what a limit's amount counts.
type Unit string

// Units of a limit. On the working clock UnitDays means working days, on the
// 24x7 clock calendar days.
const (
	UnitSeconds Unit = "seconds" // for a phone's pick-up (plan 004: 15 s)
	UnitMinutes Unit = "minutes"
	UnitHours   Unit = "hours"
	UnitDays    Unit = "days"
)

// Clock is the clock a limit runs on.
type Clock string

// Clocks: Clock24x7 counts all time, ClockWorking only the calendar's
// working hours.
const (
	Clock24x7    Clock = "24x7"
	ClockWorking Clock = "working"
)

// maxAmount bounds each unit to about ten years, so that a typo in a policy
// cannot send the arithmetic walking for centuries.
var maxAmount = map[Unit]int{
	UnitSeconds: 24 * 60 * 60,
	UnitMinutes: 10 * 366 * 24 * 60,
	UnitHours:   10 * 366 * 24,
	UnitDays:    10 * 366,
}

// Limit is a time limit of a policy, e.g. 4 hours on the 24x7 clock or 3
// working days. An amount of 0 means "at once": due at the start.
type Limit struct {
	Amount int   `json:"amount"`
	Unit   Unit  `json:"unit"`
	Clock  Clock `json:"clock"`
}

// Validate checks the amount's range and that unit and clock are known.
func (l Limit) Validate() error {
	var fe apperr.Fields
	l.validate(&fe)
	return fe.Err()
}

func (l Limit) validate(fe *apperr.Fields) {
	max, ok := maxAmount[l.Unit]
	if !ok {
		fe.Add("unit", "not_in_list")
	} else if l.Amount < 0 || l.Amount > max {
		fe.AddParams("amount", "out_of_range", map[string]any{"min": 0, "max": max})
	}
	if l.Clock != Clock24x7 && l.Clock != ClockWorking {
		fe.Add("clock", "not_in_list")
	}
}

// String describes the limit for logs and test messages, e.g. "3 working
// days" or "4 hours (24x7)".
func (l Limit) String() string {
	if l.Clock == ClockWorking {
		return fmt.Sprintf("%d working %s", l.Amount, l.Unit)
	}
	return fmt.Sprintf("%d %s (%s)", l.Amount, l.Unit, l.Clock)
}

// Pause is a stretch [From, To) during which a limit's clock stops, such as
// time spent waiting for the customer. A zero To means the pause is still
// open. Pauses are derived from the audit trail elsewhere; here they are
// plain input.
type Pause struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// Open reports whether the pause has not ended yet.
func (p Pause) Open() bool { return p.To.IsZero() }
