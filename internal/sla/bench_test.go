package sla_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/sla"
)

func BenchmarkDue(b *testing.B) {
	cal := chinaCalendar(b)
	start := at(b, "2026-02-13 17:30") // across the Spring Festival
	pauses := []sla.Pause{pause(b, "2026-02-14 10:00", "2026-02-14 15:00"), pause(b, "2026-02-25 09:00", "2026-02-25 11:00")}
	for _, bb := range []struct {
		name   string
		limit  sla.Limit
		pauses []sla.Pause
	}{
		{"3WorkingDays", workingDays(3), nil},
		{"3WorkingDaysPaused", workingDays(3), pauses},
		{"24WorkingHours", workingHours(24), nil},
		{"250WorkingDays", workingDays(250), nil},
		{"24Hours24x7", wallHours(24), nil},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := cal.Due(start, bb.limit, bb.pauses); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkElapsed(b *testing.B) {
	cal := chinaCalendar(b)
	from, to := at(b, "2026-01-01 00:00"), at(b, "2027-01-01 00:00")
	pauses := []sla.Pause{pause(b, "2026-03-02 10:00", "2026-03-09 15:00"), pause(b, "2026-07-01 09:00", "2026-07-01 11:00")}
	for _, bb := range []struct {
		name     string
		from, to time.Time
		pauses   []sla.Pause
	}{
		{"Day", at(b, "2026-03-09 10:00"), at(b, "2026-03-09 16:00"), nil},
		{"Year", from, to, nil},
		{"YearPaused", from, to, pauses},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := cal.Elapsed(bb.from, bb.to, sla.ClockWorking, bb.pauses); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
