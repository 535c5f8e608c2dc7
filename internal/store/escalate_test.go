package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestEscalateEmergency: an open urgent request is brought to the
// response-group leader once, its breached clocks to the supervisor once
// each, made by the system and audited.
func TestEscalateEmergency(t *testing.T) {
	ctx := context.Background()
	s, clk, _ := openStore(t)
	svc := command.New(s)
	escalate := func() []request.Escalation {
		t.Helper()
		made, err := command.Run(ctx, svc, command.Escalate{})
		if err != nil {
			t.Fatal(err)
		}
		return made
	}
	c := mustCustomer(t, s, "华信科技有限公司")
	f := fields(c, "生产系统宕机")
	f.Urgency = request.UrgencyUrgent
	f.ReceivedAt = now.Add(-time.Minute)
	urgent := mustRequest(t, s, f)

	if made := escalate(); len(made) != 0 {
		t.Fatalf("escalated with no recipients: %+v", made)
	}
	st, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.ResponseLeader, st.Supervisor = "赵磊", "王强"
	if _, err := command.Run(ctx, command.New(s), command.SaveSettings{Settings: st}); err != nil {
		t.Fatal(err)
	}
	made := escalate()
	if len(made) != 1 || made[0].RequestID != urgent.ID || made[0].Reason != request.EscalateEmergency ||
		made[0].Recipient != "赵磊" || made[0].Actor != "system" || !made[0].At.Equal(now) || made[0].ID == "" {
		t.Fatalf("emergency escalations = %+v", made)
	}
	if again := escalate(); len(again) != 0 {
		t.Fatalf("escalated twice: %+v", again)
	}

	// An hour on, the 10-minute clocks of the urgent request are breached.
	clk.Set(now.Add(time.Hour))
	made = escalate()
	kinds := map[string]bool{}
	for _, e := range made {
		if e.Reason != request.EscalateBreach || e.Recipient != "王强" || e.RequestID != urgent.ID {
			t.Fatalf("breach escalation = %+v", e)
		}
		kinds[e.Clock] = true
	}
	if !kinds[string(sla.KindClassify)] || len(kinds) != len(made) {
		t.Fatalf("breached clocks escalated = %+v", made)
	}
	if again := escalate(); len(again) != 0 {
		t.Fatalf("escalated twice: %+v", again)
	}
	list, err := s.Escalations(ctx, urgent.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1+len(made) {
		t.Fatalf("stored escalations = %+v", list)
	}
	hist, err := s.History(ctx, urgent.ID)
	if err != nil {
		t.Fatal(err)
	}
	audited := 0
	for _, e := range hist {
		if e.Action == "escalate" {
			audited++
		}
	}
	if audited != len(list) {
		t.Fatalf("%d escalations audited, want %d", audited, len(list))
	}
}

// TestOverdueClocks: the store hands out only the clocks due by the time
// asked (their due times are stored as numbers since 0015; compared with
// the time as text, every running clock passed for overdue).
func TestOverdueClocks(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	f := fields(c, "生产系统宕机")
	f.Urgency = request.UrgencyUrgent
	f.ReceivedAt = now
	mustRequest(t, s, f)
	overdue := func(at time.Time) []sla.Running {
		t.Helper()
		var got []sla.Running
		if err := s.Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
			var err error
			got, err = tx.OverdueClocks(ctx, request.EscalateBreach, at)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := overdue(now.Add(-time.Minute)); len(got) != 0 {
		t.Fatalf("a minute before the request came in, overdue: %+v", got)
	}
	got := overdue(now.Add(time.Hour))
	if len(got) == 0 {
		t.Fatal("an hour on, no urgent clock overdue")
	}
	for _, k := range got {
		if k.Due.After(now.Add(time.Hour)) {
			t.Errorf("clock %s due %v handed out as overdue an hour on", k.Kind, k.Due)
		}
	}
}
