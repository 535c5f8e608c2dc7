package sla_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/sla"
)

// randomCase draws a start in 2024–2026, a limit and up to three pauses
// around it, some of them open.
func randomCase(t *testing.T, r *rand.Rand, loc *time.Location, withPauses bool) (time.Time, sla.Limit, []sla.Pause) {
	t.Helper()
	lo := time.Date(2024, 1, 1, 0, 0, 0, 0, loc)
	hi := time.Date(2027, 1, 1, 0, 0, 0, 0, loc)
	start := lo.Add(time.Duration(r.Int64N(int64(hi.Sub(lo)))))
	if r.IntN(4) == 0 { // often land exactly on a minute, as people type times
		start = start.Truncate(time.Minute)
	}
	var lim sla.Limit
	switch r.IntN(3) {
	case 0:
		lim = limit(r.IntN(3000), sla.UnitMinutes, sla.ClockWorking)
	case 1:
		lim = limit(r.IntN(120), sla.UnitHours, sla.ClockWorking)
	default:
		lim = limit(r.IntN(20), sla.UnitDays, sla.ClockWorking)
	}
	if r.IntN(4) == 0 {
		lim.Clock = sla.Clock24x7
	}
	var pauses []sla.Pause
	if withPauses {
		for range r.IntN(4) {
			from := start.Add(time.Duration(r.Int64N(int64(20*24*time.Hour))) - 2*24*time.Hour)
			p := sla.Pause{From: from, To: from.Add(time.Duration(r.Int64N(int64(3 * 24 * time.Hour))))}
			if r.IntN(8) == 0 {
				p.To = time.Time{}
			}
			pauses = append(pauses, p)
		}
	}
	return start, lim, pauses
}

// checkRoundTrip asserts that the clock from start to Due is the allowance,
// and that Due is the earliest such moment.
func checkRoundTrip(t *testing.T, cal *sla.Calendar, start time.Time, lim sla.Limit, pauses []sla.Pause) {
	t.Helper()
	due, err := cal.Due(start, lim, pauses)
	if err != nil {
		t.Fatal(err)
	}
	allowance, err := cal.Allowance(start, lim)
	if err != nil {
		t.Fatal(err)
	}
	if due.IsZero() {
		// Only an open pause may leave a request without a due moment, and
		// only if the clock stopped before the allowance was used.
		stopped := false
		for _, p := range pauses {
			if p.Open() {
				used, err := cal.Elapsed(start, p.From, lim.Clock, pauses)
				if err != nil {
					t.Fatal(err)
				}
				stopped = stopped || used < allowance
			}
		}
		if !stopped {
			t.Fatalf("Due(%s, %v, %v) = none without an open pause stopping the clock", start, lim, pauses)
		}
		return
	}
	got, err := cal.Elapsed(start, due, lim.Clock, pauses)
	if err != nil {
		t.Fatal(err)
	}
	if got != allowance {
		t.Fatalf("Due(%s, %v, %v) = %s; elapsed %v, want %v", start, lim, pauses, due, got, allowance)
	}
	if allowance > 0 {
		if before, _ := cal.Elapsed(start, due.Add(-time.Nanosecond), lim.Clock, pauses); before >= allowance {
			t.Fatalf("Due(%s, %v, %v) = %s is not the earliest moment", start, lim, pauses, due)
		}
	}
}

// TestPropertyDueElapsed: adding a limit and measuring back gives the same
// duration, for random starts across 2024–2026, with and without pauses.
func TestPropertyDueElapsed(t *testing.T) {
	cal := chinaCalendar(t)
	for _, withPauses := range []bool{false, true} {
		r := rand.New(rand.NewPCG(2026, 11))
		for range 4000 {
			start, lim, pauses := randomCase(t, r, cal.Location(), withPauses)
			checkRoundTrip(t, cal, start, lim, pauses)
		}
	}
}

// TestPropertyWorkingDays: on the default hours every working day is 7.5
// hours, so N working days always allow N × 7.5 hours, wherever they start.
func TestPropertyWorkingDays(t *testing.T) {
	cal := chinaCalendar(t)
	r := rand.New(rand.NewPCG(7, 30))
	for range 3000 {
		start, _, _ := randomCase(t, r, cal.Location(), false)
		n := 1 + r.IntN(30)
		got, err := cal.Allowance(start, workingDays(n))
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Duration(n) * (7*time.Hour + 30*time.Minute); got != want {
			t.Fatalf("Allowance(%s, %d working days) = %v, want %v", start, n, got, want)
		}
	}
}

// TestPropertyElapsedAdditive: measuring a→c equals a→b plus b→c.
func TestPropertyElapsedAdditive(t *testing.T) {
	cal := chinaCalendar(t)
	r := rand.New(rand.NewPCG(3, 5))
	for range 3000 {
		a, lim, pauses := randomCase(t, r, cal.Location(), true)
		b := a.Add(time.Duration(r.Int64N(int64(30 * 24 * time.Hour))))
		c := b.Add(time.Duration(r.Int64N(int64(30 * 24 * time.Hour))))
		ab, _ := cal.Elapsed(a, b, lim.Clock, pauses)
		bc, _ := cal.Elapsed(b, c, lim.Clock, pauses)
		ac, err := cal.Elapsed(a, c, lim.Clock, pauses)
		if err != nil {
			t.Fatal(err)
		}
		if ab+bc != ac {
			t.Fatalf("Elapsed %s→%s→%s: %v + %v != %v", a, b, c, ab, bc, ac)
		}
	}
}

// TestDaylightSaving runs the arithmetic in a zone with clock changes, with
// working hours that straddle them.
func TestDaylightSaving(t *testing.T) {
	ny := loadZone(t, "America/New_York")
	var allDay sla.Hours
	for wd := range allDay.Week {
		allDay.Week[wd] = []sla.Interval{{0, sla.MinutesPerDay}}
	}
	round, err := sla.New(ny, allDay, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("AllDayEqualsWallClock", func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 2))
		for range 2000 {
			start, _, _ := randomCase(t, r, ny, false)
			d := time.Duration(r.Int64N(int64(60 * 24 * time.Hour)))
			end := start.Add(d)
			got, err := round.Elapsed(start, end, sla.ClockWorking, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got != d {
				t.Fatalf("Elapsed(%s, %s) = %v, want %v", start, end, got, d)
			}
			mins := int(d / time.Minute)
			due, _ := round.Due(start, workingMins(mins), nil)
			if want := start.Add(time.Duration(mins) * time.Minute); !due.Equal(want) {
				t.Fatalf("Due(%s, %d min) = %s, want %s", start, mins, due, want)
			}
		}
	})
	night := allDay
	for wd := range night.Week {
		night.Week[wd] = []sla.Interval{{0, 3 * 60}, {9 * 60, 17 * 60}}
	}
	cal, err := sla.New(ny, night, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		from, to time.Time
		want     time.Duration
	}{
		// 00:00–03:00 is two real hours when clocks spring forward at 02:00...
		{"SpringForward", time.Date(2026, 3, 8, 0, 0, 0, 0, ny), time.Date(2026, 3, 8, 4, 0, 0, 0, ny), 2 * time.Hour},
		// ...and four when they fall back at 02:00.
		{"FallBack", time.Date(2026, 11, 1, 0, 0, 0, 0, ny), time.Date(2026, 11, 1, 4, 0, 0, 0, ny), 4 * time.Hour},
		{"OrdinaryNight", time.Date(2026, 6, 1, 0, 0, 0, 0, ny), time.Date(2026, 6, 1, 4, 0, 0, 0, ny), 3 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cal.Elapsed(tt.from, tt.to, sla.ClockWorking, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("Elapsed = %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("RoundTrip", func(t *testing.T) {
		r := rand.New(rand.NewPCG(9, 9))
		for range 3000 {
			start, lim, pauses := randomCase(t, r, ny, r.IntN(2) == 0)
			checkRoundTrip(t, cal, start, lim, pauses)
		}
	})
}
