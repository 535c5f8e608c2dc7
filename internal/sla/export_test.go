package sla

// Helpers only the tests use: the production code has no need of them.

import (
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// NextWorkingTime returns the first working moment at or after t: t itself
// during working hours. It is where the working clock of a request received
// at t starts.
func (c *Calendar) NextWorkingTime(t time.Time) (time.Time, error) {
	var fe apperr.Fields
	if !inRange(&fe, "time", t) {
		return time.Time{}, fe.Err()
	}
	z := newZone(c.loc, t.UnixNano())
	first, _ := c.firstWorking(z, t.UnixNano())
	return z.time(first), nil
}

// YearsCovered lists, in order, the years that have a holiday schedule.
func (c *Calendar) YearsCovered() []int {
	out := make([]int, len(c.schedules))
	for i, s := range c.schedules {
		out[i] = s.Year
	}
	return out
}

// MissingYears lists the years from..to (inclusive) without a holiday
// schedule, for which deadlines follow the weekly hours alone. The app shows
// them ("2027 has no official schedule yet") and offers an import.
func (c *Calendar) MissingYears(from, to int) []int {
	var out []int
	for y := from; y <= to; y++ {
		if _, ok := c.Schedule(y); !ok {
			out = append(out, y)
		}
	}
	return out
}

// AddDays returns the date n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date { return dateOfDays(d.days() + int64(n)) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	a, b := d.days(), e.days()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// NewDefault builds the calendar the app starts with: default hours and the
// shipped PRC schedules.
func NewDefault(loc *time.Location) (*Calendar, error) {
	return New(loc, DefaultHours(), ChinaSchedules())
}
