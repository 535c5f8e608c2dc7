package command_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestAssessValue records a quarter's value assessment of a high-value
// need: every bad input is refused naming its field and writes nothing;
// the good one moves 需求转化率 from nothing to 1/1 = 100%.
func TestAssessValue(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	at := func(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, cst) }
	clk := clock.NewFixed(at(2, 9))
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	st, err := store.Open(ctx, path, clk)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	set := settings.Defaults("王强")
	set.TimeZone = "Asia/Shanghai"
	if err := st.EnsureSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	svc := command.New(st)
	as := audit.WithActor(ctx, "王强")
	if _, err := command.Run(ctx, svc, command.SavePerson{Fields: people.Fields{Name: "李娜", Roles: []request.Role{request.RoleAgent}, Active: true}}); err != nil {
		t.Fatal(err)
	}
	c, err := command.Run(ctx, svc, command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "华信科技有限公司"}}})
	if err != nil {
		t.Fatal(err)
	}
	req, err := command.Run(ctx, svc, command.CreateRequest{Fields: request.Fields{CustomerID: c.Customer.ID, Channel: "电话",
		Type: "建议", Urgency: request.UrgencyImportant, Title: "开票流程优化", ReceivedAt: at(2, 9), ReceivedBy: "李娜"}})
	if err != nil {
		t.Fatal(err)
	}
	assessments := func() int {
		t.Helper()
		return rowsIn(t, path, "request_records WHERE kind = 'value_assessment'")
	}
	clk.Set(at(20, 10))
	good := request.ValueInput{Quarter: "2026Q1", RepeatPurchase: true, CostSaved: 12000, Improvement: "service", ImprovementNote: "开票改为线上自助"}

	// Not yet marked high-value: no analysis scored it.
	_, err = command.Run(as, svc, command.AssessValue{RequestID: req.ID, Input: good})
	if e, ok := apperr.As(err); !ok || e.Key != "value_not_high" {
		t.Fatalf("assessing a need not high-value: %v", err)
	}
	raw, _ := json.Marshal(request.Analysis{CustomerValue: 4, BusinessValue: 3})
	if _, err := command.Run(as, svc, command.SaveRecord{Input: request.RecordInput{RequestID: req.ID, Kind: request.KindAnalysis, Body: raw}}); err != nil {
		t.Fatal(err)
	}
	bad := []struct {
		name, field, key string
		edit             func(*request.ValueInput)
	}{
		{"NoQuarter", "quarter", "required", func(v *request.ValueInput) { v.Quarter = " " }},
		{"Quarter5", "quarter", "quarter_invalid", func(v *request.ValueInput) { v.Quarter = "2026Q5" }},
		{"NextQuarter", "quarter", "in_future", func(v *request.ValueInput) { v.Quarter = "2026Q2" }},
		{"BeforeReceipt", "quarter", "before_receipt_quarter", func(v *request.ValueInput) { v.Quarter = "2025Q4" }},
		{"NegativeCost", "costSaved", "out_of_range", func(v *request.ValueInput) { v.CostSaved = -1 }},
		{"UnknownImprovement", "improvement", "not_in_list", func(v *request.ValueInput) { v.Improvement = "miracle" }},
		{"ImprovementUnsaid", "improvementNote", "required", func(v *request.ValueInput) { v.ImprovementNote = "" }},
		{"NulInNote", "note", "control_chars", func(v *request.ValueInput) { v.Note = "好\x00" }},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			in := good
			b.edit(&in)
			_, err := command.Run(as, svc, command.AssessValue{RequestID: req.ID, Input: in})
			if got := fieldOf(err, b.field); got != b.key {
				t.Errorf("%s = %q (%v), want %q", b.field, got, err, b.key)
			}
			if n := assessments(); n != 0 {
				t.Errorf("%d assessments written by a refused one", n)
			}
		})
	}
	if _, err := command.Run(ctx, svc, command.AssessValue{RequestID: "no-such", Input: good}); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("unknown request: %v", err)
	}

	conversion := func() report.Value {
		t.Helper()
		d, err := st.Dashboard(ctx, report.Month(2026, time.March, cst), "")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range d.Plan004 {
			if r.ID == report.ConversionRate {
				return r.Value
			}
		}
		t.Fatal("no 需求转化率 among plan 004's measures")
		return report.Value{}
	}
	// Before: one high-value need, never assessed: nothing measured.
	if v := conversion(); v.N != 0 || v.Value != nil {
		t.Fatalf("conversion before = %+v, want nothing measured", v)
	}
	rec, err := command.Run(as, svc, command.AssessValue{RequestID: req.ID, Input: good})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := request.BodyOf[request.ValueAssessment](rec); v.Assessor != "王强" || !v.Converted() {
		t.Errorf("assessment %+v", v)
	}
	// After: 1 assessed, 1 made into an improvement: 1/1 = 100%.
	if v := conversion(); v.N != 1 || v.Hits != 1 || v.Value == nil || *v.Value != 100 {
		t.Fatalf("conversion after = %+v, want 1/1 = 100%%", v)
	}
	// The quarter is assessed once.
	_, err = command.Run(as, svc, command.AssessValue{RequestID: req.ID, Input: good})
	if fieldOf(err, "quarter") != "value_assessed" || assessments() != 1 {
		t.Errorf("a second assessment of the quarter: %v, %d kept", err, assessments())
	}
	// Nor kept or deleted through the record form.
	raw, _ = json.Marshal(good)
	if _, err := command.Run(as, svc, command.SaveRecord{Input: request.RecordInput{RequestID: req.ID, Kind: request.KindValueAssessment, Body: raw}}); err == nil {
		t.Error("an assessment saved through the record form")
	}
	dues, err := st.ValueDues(ctx, "2026Q1", time.Date(2026, 4, 1, 0, 0, 0, 0, cst))
	if err != nil || len(dues) != 1 || dues[0].Assessment == nil || dues[0].Assessed != 1 {
		t.Errorf("the quarter's list: %+v %v", dues, err)
	}
}
