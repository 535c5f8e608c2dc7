package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

func kpi(t *testing.T, d report.Dashboard, id report.MeasureID) report.Value {
	t.Helper()
	for _, k := range d.KPIs {
		if k.ID == id {
			return k.Value
		}
	}
	t.Fatalf("no KPI %s", id)
	return report.Value{}
}

func val(v report.Value) float64 {
	if v.Value == nil {
		return -1
	}
	return *v.Value
}

// TestMeasuresFollowTheLifecycle carries a consultation through the short
// path with the clock moving, and reads the measures the store derived.
func TestMeasuresFollowTheLifecycle(t *testing.T) {
	ctx := context.Background()
	s, clk, path := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	// Received at 09:00 (an hour before now), registered at 10:00.
	f := &flow{t: t, s: s, req: mustRequest(t, s, fields(c, "咨询系统对接方案"))}
	clk.Add(10 * time.Minute)
	f.move(request.Move{Action: request.ActTriage, Department: "客服部"})
	clk.Add(10 * time.Minute) // assigned 10:20
	f.move(request.Move{Action: request.ActAssign, Owner: "李娜"})
	f.move(request.Move{Action: request.ActStart})
	clk.Add(10 * time.Minute)
	f.add(request.KindCommunication, "", request.Communication{At: now.Add(30 * time.Minute), Channel: "电话", With: "张伟", Summary: "确认接口范围"})
	f.add(request.KindResultNote, "", request.ResultNote{Process: "整理接口文档", Result: "已提供对接方案与接口文档"})
	clk.Add(time.Hour)
	f.move(request.Move{Action: request.ActGiveResult})
	clk.Add(time.Hour) // result told at 12:30: handling 10:20 → 12:30
	f.move(request.Move{Action: request.ActSendResult, Comment: "邮件发送"})
	clk.Add(time.Hour)
	f.add(request.KindFeedback, "", request.Feedback{Obtained: true, Timeliness: 5, Effectiveness: 4, Attitude: 5, Overall: 5, Solved: true, Method: "phone", On: "2024-03-15"})
	// A second request, still registered.
	other := mustRequest(t, s, fields(c, "合同续签流程"))

	month, err := report.ParseMonth("2024-03", time.Local)
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.Dashboard(ctx, month, "")
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		id   report.MeasureID
		want float64
	}{
		{report.Received, 2},
		{report.ResponseHours, 1.5},    // received 09:00, first contact 10:30
		{report.HandlingHours, 2.17},   // 10:20 → 12:30
		{report.ResolutionRate, 50},    // one of two solved
		{report.FirstContactRate, 100}, // one contact before the result
		{report.SatisfiedRate, 100},    // overall 5
		{report.FeedbackRate, 100},     // the one handed over was followed up
		{report.ReopenRate, 0},         // never reopened
		{report.ComplaintRate, 0},      // no complaint
		{report.OnTimeDelivery, -1},    // nothing delivered on the full path
		{report.ConversionRate, -1},    // no suggestion
	}
	for _, ck := range checks {
		if got := val(kpi(t, d, ck.id)); got != ck.want {
			t.Errorf("%s = %v, want %v", ck.id, got, ck.want)
		}
	}
	if d.OpenTotal != 2 || d.Backlog[0].Stage != "intake" || d.Backlog[0].Count != 1 {
		t.Errorf("backlog %d %+v", d.OpenTotal, d.Backlog[0])
	}

	t.Run("RisksAgreeWithTheAlerts", func(t *testing.T) {
		clk.Add(30 * time.Hour)
		defer clk.Add(-30 * time.Hour)
		d, err := s.Dashboard(ctx, month, "")
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.Alerts(ctx, store.AllAlerts)
		if err != nil {
			t.Fatal(err)
		}
		alerts := list.Items
		if d.Breached != list.Breached || d.DueSoon != list.DueSoon || d.Breached == 0 ||
			len(d.Risks) != min(len(alerts), report.MaxRisks) {
			t.Fatalf("dashboard %d breached + %d due soon (%d listed), alerts %d + %d (%d listed)",
				d.Breached, d.DueSoon, len(d.Risks), list.Breached, list.DueSoon, len(alerts))
		}
		for i, a := range alerts[:len(d.Risks)] {
			r := d.Risks[i]
			if r.RequestID != a.RequestID || r.Kind != a.Kind || r.State != a.State || r.Remaining != a.Remaining ||
				r.Customer != a.Customer || r.Number != a.Number {
				t.Errorf("risk %d = %+v, alert %+v", i, r, a)
			}
		}
	})

	t.Run("DrillLists", func(t *testing.T) {
		q := func(dr request.Drill) []string {
			page, err := s.ListRequests(ctx, request.Query{Drill: &dr})
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, r := range page.Items {
				out = append(out, r.ID)
			}
			return out
		}
		if got := q(request.Drill{Measure: "resolution_rate", Part: "hit", From: "2024-03-01", To: "2024-03-31"}); len(got) != 1 || got[0] != f.req.ID {
			t.Errorf("solved = %v", got)
		}
		if got := q(request.Drill{Measure: "resolution_rate", Part: "miss", From: "2024-03-01", To: "2024-03-31"}); len(got) != 1 || got[0] != other.ID {
			t.Errorf("not solved = %v", got)
		}
		if got := q(request.Drill{Dim: "stage", Key: "intake"}); len(got) != 1 || got[0] != other.ID {
			t.Errorf("intake backlog = %v", got)
		}
		if got := q(request.Drill{Measure: "resolution_rate", From: "2024-04-01", To: "2024-04-30"}); len(got) != 0 {
			t.Errorf("April = %v", got)
		}
		_, err := s.ListRequests(ctx, request.Query{Drill: &request.Drill{Measure: "nonsense", From: "2024-03-01", To: "2024-03-31"}})
		if apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("unknown measure: %v", err)
		}
		_, err = s.ListRequests(ctx, request.Query{Drill: &request.Drill{Measure: "received", From: "2024-13-01", To: "2024-03-31"}})
		if apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("bad date: %v", err)
		}
	})

	t.Run("IssuedReportKeepsItsNumbers", func(t *testing.T) {
		texts := report.Texts{Proposals: map[string]string{"对接": "整理对接常见问题"}, Problems: "无", Measures: "无"}
		if _, err := command.Run(ctx, command.New(s), command.SaveReportTexts{Kind: "monthly", Period: "2024-03", Department: "", Texts: texts}); err != nil {
			t.Fatal(err)
		}
		v1, err := command.Run(ctx, command.New(s), command.IssueReport{Kind: "monthly", Period: "2024-03", Department: ""})
		if err != nil || v1.Version != 1 || v1.IssuedBy != "李娜" {
			t.Fatalf("issue: %+v %v", v1, err)
		}
		// A later request received in March changes the live numbers only.
		late := fields(c, "发票开具")
		late.ReceivedAt = now.Add(-48 * time.Hour)
		mustRequest(t, s, late)
		live, err := s.LiveReport(ctx, "monthly", "2024-03", "")
		if err != nil || live.Monthly.Received != 3 || live.Issued == nil || live.Issued.Version != 1 {
			t.Fatalf("live: %+v %v", live, err)
		}
		saved, err := s.SavedReportByID(ctx, v1.ID)
		if err != nil {
			t.Fatal(err)
		}
		var m report.Monthly
		if err := json.Unmarshal(saved.Body, &m); err != nil || m.Received != 2 || m.Texts.Proposals["对接"] != "整理对接常见问题" {
			t.Fatalf("issued numbers changed: received %d, texts %+v, %v", m.Received, m.Texts, err)
		}
		v2, err := command.Run(ctx, command.New(s), command.IssueReport{Kind: "monthly", Period: "2024-03", Department: ""})
		if err != nil || v2.Version != 2 {
			t.Fatalf("reissue: %+v %v", v2, err)
		}
		list, err := s.Reports(ctx, "monthly")
		if err != nil || len(list) != 2 || list[0].Version != 2 {
			t.Fatalf("list %+v %v", list, err)
		}
		long := report.Texts{Problems: string(make([]rune, report.MaxText+1))}
		if _, err := command.Run(ctx, command.New(s), command.SaveReportTexts{Kind: "monthly", Period: "2024-03", Department: "", Texts: long}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("long text: %v", err)
		}
		if _, err := command.Run(ctx, command.New(s), command.SaveReportTexts{Kind: "yearly", Period: "2024", Department: "", Texts: texts}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("unknown kind: %v", err)
		}
		if _, err := command.Run(ctx, command.New(s), command.IssueReport{Kind: "quarterly", Period: "2024Q5", Department: ""}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("bad quarter: %v", err)
		}
	})

	t.Run("RowsRebuiltWhenMissing", func(t *testing.T) {
		before, err := s.MetricRows(ctx, month.From, month.To, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Exec(ctx, `DELETE FROM request_metrics`); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s2, err := store.Open(ctx, path, clock.NewFixed(clk.Now()))
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		after, err := s2.MetricRows(ctx, month.From, month.To, "")
		if err != nil || len(after) != len(before) {
			t.Fatalf("rebuilt %d rows, had %d: %v", len(after), len(before), err)
		}
		byID := map[string]report.Row{}
		for _, r := range before {
			byID[r.RequestID] = r
		}
		for _, r := range after {
			b, _ := json.Marshal(byID[r.RequestID])
			a, _ := json.Marshal(r)
			if string(a) != string(b) {
				t.Errorf("rebuilt row differs:\n%s\n%s", a, b)
			}
		}
	})
}

func TestReportConfig(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	c, err := s.ReportConfig(ctx)
	if err != nil || c.Targets[report.OnTimeDelivery].Value != 85 {
		t.Fatalf("defaults %+v %v", c, err)
	}
	c.Targets[report.OnTimeDelivery] = report.Target{Op: ">=", Value: 90}
	c.ImprovementTypes = append(c.ImprovementTypes, " 建议 ", "问题修复")
	saved, err := command.Run(ctx, command.New(s), command.SaveReportConfig{Config: c})
	if err != nil || len(saved.ImprovementTypes) != 5 {
		t.Fatalf("save %+v %v", saved, err)
	}
	again, _ := s.ReportConfig(ctx)
	if again.Targets[report.OnTimeDelivery].Value != 90 {
		t.Errorf("stored %+v", again.Targets)
	}
	c.Targets[report.SatisfiedRate] = report.Target{Op: ">=", Value: 150}
	if _, err := command.Run(ctx, command.New(s), command.SaveReportConfig{Config: c}); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("150%% target: %v", err)
	}
	if kept, _ := s.ReportConfig(ctx); kept.Targets[report.SatisfiedRate].Value != 90 {
		t.Errorf("refused config written: %+v", kept.Targets[report.SatisfiedRate])
	}
}
