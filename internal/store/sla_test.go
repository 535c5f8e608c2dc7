package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/sla"
	"github.com/reqdesk/reqdesk/internal/store"
)

func clockOf(t *testing.T, ms []sla.Measure, k sla.Kind) sla.Measure {
	t.Helper()
	for _, m := range ms {
		if m.Kind == k {
			return m
		}
	}
	t.Fatalf("no %s clock in %+v", k, ms)
	return sla.Measure{}
}

func TestClocks(t *testing.T) {
	ctx := context.Background()
	s, clk, _ := openStore(t) // now: Friday 2024-03-15 10:00 (+08:00)
	c := mustCustomer(t, s, "华信科技有限公司")
	f := fields(c, "咨询系统对接方案")
	f.Type = "方案定制" // full path
	f.ReceivedAt = now.Add(-2 * time.Minute)
	r := mustRequest(t, s, f)
	fl := &flow{t: t, s: s, req: r}

	d, err := s.Request(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m := clockOf(t, d.Clocks, sla.KindRecord); m.State != sla.StateMet {
		t.Fatalf("record clock = %+v", m)
	}
	if m := clockOf(t, d.Clocks, sla.KindResolve); m.State != sla.StateOnTrack {
		t.Fatalf("resolve clock = %+v", m)
	}

	t.Run("ListShowsThePressingClock", func(t *testing.T) {
		clk.Set(now.Add(25 * time.Minute)) // classify is due 30 minutes after receipt
		page, err := s.ListRequests(ctx, request.Query{})
		if err != nil {
			t.Fatal(err)
		}
		b := page.Items[0].Clock
		if b == nil || b.Kind != string(sla.KindClassify) || b.State != sla.StateDueSoon {
			t.Fatalf("badge = %+v", b)
		}
	})
	t.Run("AlertsAndEscalation", func(t *testing.T) {
		clk.Set(now.Add(time.Hour))
		list, err := s.Alerts(ctx, store.AllAlerts)
		if err != nil {
			t.Fatal(err)
		}
		alerts := list.Items
		if len(alerts) == 0 || alerts[0].State != sla.StateBreached || alerts[0].Kind != sla.KindClassify ||
			alerts[0].Number != r.Number || alerts[0].Customer != "华信科技有限公司" || alerts[0].Escalated {
			t.Fatalf("alerts = %+v", alerts)
		}
		if _, err := command.Run(ctx, command.New(s), command.SaveSettings{Settings: settings.Settings{ProfileName: "李娜", NumberPattern: request.DefaultNumberPattern, Supervisor: "王强"}}); err != nil {
			t.Fatal(err)
		}
		made, err := command.Run(ctx, command.New(s), command.Escalate{})
		if err != nil {
			t.Fatal(err)
		}
		if len(made) != 1 || made[0].Recipient != "王强" {
			t.Fatalf("escalations = %+v", made)
		}
		if again, _ := command.Run(ctx, command.New(s), command.Escalate{}); len(again) != 0 {
			t.Fatalf("escalated twice: %+v", again)
		}
		list, err = s.Alerts(ctx, store.AllAlerts)
		if err != nil {
			t.Fatal(err)
		}
		if a := list.Items[0]; a.Kind != sla.KindClassify || !a.Escalated {
			t.Fatalf("escalated alert = %+v", a)
		}
	})
	t.Run("PausedWhileWaitingForCustomer", func(t *testing.T) {
		fl.move(request.Move{Action: request.ActTriage, Department: "技术支持部"})
		fl.move(request.Move{Action: request.ActAssign, Owner: "王强"})
		fl.move(request.Move{Action: request.ActStart})
		fl.add(request.KindAnalysis, "", request.Analysis{NoBreakdown: true, CoreNeeds: "对接", ExpectedDelivery: "2024-04-01"})
		fl.move(request.Move{Action: request.ActAskAnalysisOK})
		clk.Add(48 * time.Hour)
		d, _ := s.Request(ctx, r.ID)
		if m := clockOf(t, d.Clocks, sla.KindResolve); m.State != sla.StatePaused || !m.Due.IsZero() {
			t.Fatalf("resolve while waiting = %+v", m)
		}
		if m := clockOf(t, d.Clocks, sla.KindClassify); m.State != sla.StateLate {
			t.Fatalf("classify = %+v", m)
		}
	})
}

func TestPolicies(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	ps, err := s.Policies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 4 {
		t.Fatalf("policies = %d, want the four seeded", len(ps))
	}
	p := ps[0]
	p.Resolve = sla.Limit{Amount: 2, Unit: sla.UnitHours, Clock: sla.Clock24x7}
	saved, err := command.Run(ctx, command.New(s), command.SavePolicy{Policy: p})
	if err != nil {
		t.Fatal(err)
	}
	if saved.Version != p.Version+1 || saved.Resolve.Amount != 2 {
		t.Fatalf("saved = %+v", saved)
	}
	t.Run("ErrStale", func(t *testing.T) {
		if _, err := command.Run(ctx, command.New(s), command.SavePolicy{Policy: p}); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrDuplicate", func(t *testing.T) {
		dup := ps[1]
		dup.ID = ""
		if _, err := command.Run(ctx, command.New(s), command.SavePolicy{Policy: dup}); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("Delete", func(t *testing.T) {
		narrow := ps[2]
		narrow.ID, narrow.Type = "", "投诉"
		got, err := command.Run(ctx, command.New(s), command.SavePolicy{Policy: narrow})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := command.Run(ctx, command.New(s), command.DeletePolicy{ID: got.ID, Version: got.Version}); err != nil {
			t.Fatal(err)
		}
		if _, err := command.Run(ctx, command.New(s), command.DeletePolicy{ID: ps[1].ID, Version: ps[1].Version}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("deleting an urgency's general policy: %v", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		bad := saved
		bad.Resolve.Clock = "moon"
		if _, err := command.Run(ctx, command.New(s), command.SavePolicy{Policy: bad}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestSchedules(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t) // the store's clock says 2024: shipped years run to 2026
	years, err := s.Schedules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	origin := map[int]string{}
	for _, y := range years {
		origin[y.Year] = y.Origin
	}
	if origin[2024] != "shipped" || origin[2026] != "shipped" {
		t.Fatalf("origins = %v", origin)
	}
	data, err := s.ExportSchedule(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := command.Run(ctx, command.New(s), command.ImportSchedule{Data: data})
	if err != nil {
		t.Fatal(err)
	}
	if sc.Year != 2026 {
		t.Fatalf("imported year %d", sc.Year)
	}
	if _, err := command.Run(ctx, command.New(s), command.ImportSchedule{Data: []byte(`{"year": 2027}`)}); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("a schedule without sources was accepted: %v", err)
	}
	years, _ = s.Schedules(ctx)
	for _, y := range years {
		if y.Year == 2026 && y.Origin != "user" {
			t.Fatalf("2026 origin after import = %s", y.Origin)
		}
	}
}

func TestClosedRequestsRaiseNoAlerts(t *testing.T) {
	ctx := context.Background()
	s, clk, _ := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	f := fields(c, "紧急故障")
	f.Urgency = request.UrgencyUrgent
	fl := &flow{t: t, s: s, req: mustRequest(t, s, f)}
	fl.move(request.Move{Action: request.ActCancel, Reason: "客户撤回"})
	clk.Add(30 * 24 * time.Hour)
	alerts, err := s.Alerts(ctx, store.AllAlerts)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts.Items) != 0 || alerts.Breached != 0 || alerts.DueSoon != 0 {
		t.Fatalf("a cancelled request raises alerts: %+v", alerts)
	}
	d, _ := s.Request(ctx, fl.req.ID)
	if m := clockOf(t, d.Clocks, sla.KindResolve); m.State != sla.StateStopped {
		t.Fatalf("resolve clock of a cancelled request = %+v", m)
	}
}

func TestEmergencyRecord(t *testing.T) {
	s, _, _ := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	f := fields(c, "生产线停机")
	f.Urgency = request.UrgencyUrgent
	fl := &flow{t: t, s: s, req: mustRequest(t, s, f)}
	fl.add(request.KindEmergency, "", request.Emergency{MeetingAt: now, Leader: "孙建国", Plan: "调派备用设备，专家驻场",
		Resources: "备用电机 1 台；工程师 2 名"})
	raw := []byte(`{"leader":"孙建国"}`)
	_, err := command.Run(context.Background(), command.New(s), command.SaveRecord{Input: request.RecordInput{RequestID: fl.req.ID, Kind: request.KindEmergency, Body: raw}})
	if keys := fieldKeys(err); keys["meetingAt"] != "required" || keys["plan"] != "required" {
		t.Fatalf("incomplete emergency record: %v", err)
	}
}

// TestAlertsListTheMostPressing: a short list holds the most pressing
// alerts, the head of the full list, and counts every one.
func TestAlertsListTheMostPressing(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t) // now: Friday 2024-03-15 10:00 (+08:00)
	c := mustCustomer(t, s, "华信科技有限公司")
	// Classifying is due 30 minutes after receipt: received 35 minutes and
	// more ago is breached, 22 to 30 minutes ago due soon. Not in order.
	for _, ago := range []int{26, 50, 35, 28, 60, 24, 40, 29, 45} {
		f := fields(c, fmt.Sprintf("%d 分钟前收到", ago))
		f.ReceivedAt = now.Add(-time.Duration(ago) * time.Minute)
		mustRequest(t, s, f)
	}
	full, err := s.Alerts(ctx, store.AllAlerts)
	if err != nil {
		t.Fatal(err)
	}
	if full.Breached < 3 || full.DueSoon < 2 || len(full.Items) != full.Breached+full.DueSoon {
		t.Fatalf("full list: %d breached, %d due soon, %d listed", full.Breached, full.DueSoon, len(full.Items))
	}
	for i, a := range full.Items {
		want := sla.StateBreached
		if i >= full.Breached {
			want = sla.StateDueSoon
		}
		if a.State != want || i > 0 && a.State == full.Items[i-1].State && a.Due.Before(full.Items[i-1].Due) {
			t.Fatalf("alert %d out of order: %+v after %+v", i, a, full.Items[max(i-1, 0)])
		}
		if a.Number == "" || a.Customer != "华信科技有限公司" {
			t.Fatalf("alert %d without its request: %+v", i, a)
		}
	}
	for _, limit := range []int{0, 2, full.Breached + 1, len(full.Items), len(full.Items) + 5} {
		got, err := s.Alerts(ctx, limit)
		if err != nil {
			t.Fatal(err)
		}
		n := min(limit, len(full.Items))
		if got.Breached != full.Breached || got.DueSoon != full.DueSoon || len(got.Items) != n {
			t.Fatalf("limit %d: %d breached, %d due soon, %d listed; want %d, %d, %d",
				limit, got.Breached, got.DueSoon, len(got.Items), full.Breached, full.DueSoon, n)
		}
		for i, a := range got.Items {
			if a != full.Items[i] {
				t.Fatalf("limit %d: alert %d = %+v, want %+v", limit, i, a, full.Items[i])
			}
		}
	}
}
