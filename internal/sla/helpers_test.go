package sla_test

import (
	"testing"
	"time"
	_ "time/tzdata" // the tests name zones; do not depend on the machine's tz database

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/sla"
)

func loadZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// chinaCalendar is the app's default calendar in Asia/Shanghai.
func chinaCalendar(t testing.TB) *sla.Calendar {
	t.Helper()
	cal, err := sla.NewDefault(loadZone(t, "Asia/Shanghai"))
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

// at reads "2006-01-02 15:04" as a Shanghai wall-clock time.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loadZone(t, "Asia/Shanghai"))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// pause is a closed pause between two Shanghai wall-clock times, or an open
// one when to is empty.
func pause(t testing.TB, from, to string) sla.Pause {
	t.Helper()
	p := sla.Pause{From: at(t, from)}
	if to != "" {
		p.To = at(t, to)
	}
	return p
}

func date(t testing.TB, s string) sla.Date {
	t.Helper()
	d, err := sla.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func limit(n int, u sla.Unit, c sla.Clock) sla.Limit { return sla.Limit{Amount: n, Unit: u, Clock: c} }

func workingDays(n int) sla.Limit  { return limit(n, sla.UnitDays, sla.ClockWorking) }
func workingHours(n int) sla.Limit { return limit(n, sla.UnitHours, sla.ClockWorking) }
func workingMins(n int) sla.Limit  { return limit(n, sla.UnitMinutes, sla.ClockWorking) }
func wallHours(n int) sla.Limit    { return limit(n, sla.UnitHours, sla.Clock24x7) }
func wallDays(n int) sla.Limit     { return limit(n, sla.UnitDays, sla.Clock24x7) }

// wantField fails unless err is an invalid error naming field with key.
func wantField(t *testing.T, err error, field, key string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.Invalid {
		t.Fatalf("err = %v, want an invalid error with %s/%s", err, field, key)
	}
	for _, f := range e.Fields {
		if f.Field == field && f.Key == key {
			return
		}
	}
	t.Fatalf("fields = %+v, want %s/%s", e.Fields, field, key)
}
