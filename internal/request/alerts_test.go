package request_test

import (
	"reflect"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

func shanghai(t *testing.T) (*sla.Calendar, func(string) time.Time) {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	cal, err := sla.New(loc, sla.DefaultHours(), sla.ChinaSchedules())
	if err != nil {
		t.Fatal(err)
	}
	return cal, func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestAlerts(t *testing.T) {
	cal, at := shanghai(t)
	now := at("2024-03-15 10:00")
	hour := int64(time.Hour / time.Second)
	run := func(id string, k sla.Kind, due string) sla.Running {
		r := sla.Running{RequestID: id, Kind: k, Allowance: 4 * hour, Clock: sla.Clock24x7}
		if due != "" {
			r.Due = at(due)
		}
		return r
	}
	clocks := []sla.Running{
		run("r1", sla.KindResolve, "2024-03-15 13:00"),  // on track
		run("r2", sla.KindClassify, "2024-03-15 10:30"), // due soon
		run("r3", sla.KindRecord, "2024-03-15 09:00"),   // breached an hour ago
		run("r4", sla.KindResolve, ""),                  // paused
		run("r5", sla.KindRespond, "2024-03-15 08:00"),  // breached two hours ago
		run("r6", sla.KindRespond, "2024-03-15 10:10"),  // due soon, sooner
	}
	type item struct {
		id    string
		state sla.State
		left  int64
	}
	tests := []struct {
		name  string
		limit int
		want  []item
	}{
		{"All", request.AllAlerts, []item{{"r5", sla.StateBreached, -2 * hour}, {"r3", sla.StateBreached, -hour},
			{"r6", sla.StateDueSoon, hour / 6}, {"r2", sla.StateDueSoon, hour / 2}}},
		{"MostPressing", 3, []item{{"r5", sla.StateBreached, -2 * hour}, {"r3", sla.StateBreached, -hour},
			{"r6", sla.StateDueSoon, hour / 6}}},
		{"CountedNotListed", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := request.Alerts(cal, 25, clocks, now, tt.limit)
			if got.Breached != 2 || got.DueSoon != 2 {
				t.Fatalf("counts = %d breached, %d due soon, want 2, 2", got.Breached, got.DueSoon)
			}
			var items []item
			for _, a := range got.Items {
				items = append(items, item{a.RequestID, a.State, a.Remaining})
			}
			if !reflect.DeepEqual(items, tt.want) {
				t.Fatalf("got %+v, want %+v", items, tt.want)
			}
		})
	}
}

func TestBadges(t *testing.T) {
	cal, at := shanghai(t)
	now := at("2024-03-15 10:00")
	hour := int64(time.Hour / time.Second)
	clocks := []sla.Running{
		{RequestID: "r1", Kind: sla.KindResolve, Due: at("2024-03-15 13:00"), Allowance: 4 * hour, Clock: sla.Clock24x7},
		{RequestID: "r1", Kind: sla.KindClassify, Due: at("2024-03-15 10:30"), Allowance: 4 * hour, Clock: sla.Clock24x7},
		{RequestID: "r2", Kind: sla.KindResolve, Allowance: 4 * hour, Clock: sla.Clock24x7},
		{RequestID: "r2", Kind: sla.KindRespond, Due: at("2024-03-15 12:00"), Allowance: 4 * hour, Clock: sla.Clock24x7},
		{RequestID: "r2", Kind: sla.KindRecord, Due: at("2024-03-15 11:00"), Allowance: 4 * hour, Clock: sla.Clock24x7},
	}
	got := request.Badges(cal, 25, clocks, now)
	want := map[string]request.ClockBadge{
		"r1": {Kind: string(sla.KindClassify), State: sla.StateDueSoon, Due: at("2024-03-15 10:30"), Remaining: hour / 2},
		"r2": {Kind: string(sla.KindRecord), State: sla.StateOnTrack, Due: at("2024-03-15 11:00"), Remaining: hour},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

func TestDueEscalations(t *testing.T) {
	now := time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)
	clocks := []sla.Running{
		{RequestID: "r1", Kind: sla.KindResolve, Due: now.Add(-time.Minute)},
		{RequestID: "r2", Kind: sla.KindClassify, Due: now.Add(-time.Hour)},
		{RequestID: "r3", Kind: sla.KindRespond, Due: now.Add(time.Minute)}, // not yet
		{RequestID: "r4", Kind: sla.KindResolve},                            // paused
		{RequestID: "r5", Kind: sla.KindRecord, Due: now},                   // due this moment
	}
	breach := func(id string, k sla.Kind) request.Escalation {
		return request.Escalation{RequestID: id, Reason: request.EscalateBreach, Clock: string(k), Recipient: "王强",
			Note: "「" + k.Name() + "」时限已超", Actor: "system"}
	}
	emergency := request.Escalation{RequestID: "u1", Reason: request.EscalateEmergency, Recipient: "赵敏",
		Note: "紧急需求，报应急响应小组组长", Actor: "system"}
	tests := []struct {
		name string
		in   request.EscalationInput
		want []request.Escalation
	}{
		{"BreachedToSupervisorEarliestFirst", request.EscalationInput{Now: now, Supervisor: "王强", Clocks: clocks},
			[]request.Escalation{breach("r2", sla.KindClassify), breach("r1", sla.KindResolve), breach("r5", sla.KindRecord)}},
		{"EmergencyToLeader", request.EscalationInput{Now: now, ResponseLeader: "赵敏", Clocks: clocks, Urgent: []string{"u1"}},
			[]request.Escalation{emergency}},
		{"Both", request.EscalationInput{Now: now, Supervisor: "王强", ResponseLeader: "赵敏", Clocks: clocks[:1], Urgent: []string{"u1"}},
			[]request.Escalation{breach("r1", sla.KindResolve), emergency}},
		{"NoRecipients", request.EscalationInput{Now: now, Clocks: clocks, Urgent: []string{"u1"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := request.DueEscalations(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
