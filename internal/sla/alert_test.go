package sla_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/sla"
)

func TestStanding(t *testing.T) {
	cal := chinaCalendar(t)
	now := at(t, "2024-03-15 10:00") // a Friday
	hour := int64(time.Hour / time.Second)
	tests := []struct {
		name     string
		r        sla.Running
		want     sla.State
		wantLeft int64
	}{
		{"Paused", sla.Running{Allowance: 4 * hour, Clock: sla.Clock24x7}, sla.StatePaused, 0},
		{"OnTrack", sla.Running{Due: at(t, "2024-03-15 13:00"), Allowance: 4 * hour, Clock: sla.Clock24x7}, sla.StateOnTrack, 3 * hour},
		{"DueSoon", sla.Running{Due: at(t, "2024-03-15 10:30"), Allowance: 4 * hour, Clock: sla.Clock24x7}, sla.StateDueSoon, hour / 2},
		{"BreachedAtDue", sla.Running{Due: now, Allowance: 4 * hour, Clock: sla.Clock24x7}, sla.StateBreached, 0},
		{"BreachedOverTheWeekendOnWorkingTime", sla.Running{Due: at(t, "2024-03-14 17:00"), Allowance: 4 * hour, Clock: sla.ClockWorking},
			sla.StateBreached, -2 * hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, left := cal.Standing(tt.r, now, 25)
			if got != tt.want || left != tt.wantLeft {
				t.Fatalf("got %s %d, want %s %d", got, left, tt.want, tt.wantLeft)
			}
			if want := tt.want == sla.StateBreached; tt.r.Breached(now) != want {
				t.Fatalf("Breached = %v, want %v", !want, want)
			}
		})
	}
}

func TestMorePressing(t *testing.T) {
	early, late := time.Date(2024, 3, 15, 9, 0, 0, 0, time.UTC), time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		a    sla.State
		aDue time.Time
		b    sla.State
		bDue time.Time
		want bool
	}{
		{"BreachedBeforeDueSoon", sla.StateBreached, late, sla.StateDueSoon, early, true},
		{"DueSoonBeforeOnTrack", sla.StateDueSoon, late, sla.StateOnTrack, early, true},
		{"OnTrackBeforePaused", sla.StateOnTrack, late, sla.StatePaused, early, true},
		{"DueSoonAfterBreached", sla.StateDueSoon, early, sla.StateBreached, late, false},
		{"SameStateEarlierDueFirst", sla.StateDueSoon, early, sla.StateDueSoon, late, true},
		{"SameStateLaterDueAfter", sla.StateDueSoon, late, sla.StateDueSoon, early, false},
		{"EqualNotBefore", sla.StateBreached, early, sla.StateBreached, early, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sla.MorePressing(tt.a, tt.aDue, tt.b, tt.bDue); got != tt.want {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTop(t *testing.T) {
	type clock struct {
		name  string
		state sla.State
		due   int // hour
	}
	in := []clock{{"a", sla.StateDueSoon, 12}, {"b", sla.StateBreached, 11}, {"c", sla.StateDueSoon, 10},
		{"d", sla.StateBreached, 9}, {"e", sla.StateDueSoon, 10}}
	due := func(h int) time.Time { return time.Date(2024, 3, 15, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		name  string
		limit int
		want  string
	}{
		{"All", -1, "dbcea"},
		{"None", 0, ""},
		{"Two", 2, "db"},
		{"Four", 4, "dbce"},
		{"MoreThanGiven", 9, "dbcea"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			top := sla.Top[clock]{Limit: tt.limit, Before: func(a, b clock) bool { return sla.MorePressing(a.state, due(a.due), b.state, due(b.due)) }}
			for _, c := range in {
				top.Add(c, c.state)
			}
			got := ""
			for _, c := range top.List() {
				got += c.name
			}
			if got != tt.want || top.Breached != 2 || top.DueSoon != 3 {
				t.Fatalf("got %q (%d breached, %d due soon), want %q (2, 3)", got, top.Breached, top.DueSoon, tt.want)
			}
		})
	}
}
