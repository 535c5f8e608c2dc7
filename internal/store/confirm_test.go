package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
)

// latestBody decodes the newest record of kind.
func latestBody[T any](t *testing.T, f *flow, kind request.RecordKind) T {
	t.Helper()
	d, err := f.s.Request(context.Background(), f.req.ID)
	if err != nil {
		t.Fatal(err)
	}
	var v T
	found := false
	for _, r := range d.Records {
		if r.Kind == kind {
			if err := json.Unmarshal(r.Body, &v); err != nil {
				t.Fatal(err)
			}
			found = true
		}
	}
	if !found {
		t.Fatalf("no %s record", kind)
	}
	return v
}

// reload reads the request again, as the next move needs its version.
func (f *flow) reload() {
	f.t.Helper()
	d, err := f.s.Request(context.Background(), f.req.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	f.req = d.Request
}

// signAs draws a signature of role into the latest version of a document of
// type typ, generated afresh.
func signAs(t *testing.T, f *flow, typ document.Type, role document.Role, signer string, v request.Verdict) (document.Signed, error) {
	t.Helper()
	d, err := command.Run(context.Background(), command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: typ})
	if err != nil {
		t.Fatal(err)
	}
	return command.Run(context.Background(), command.New(f.s), command.SignDocument{ID: d.ID, RowVersion: d.RowVersion, Sign: document.SignInput{Role: role, Signer: signer, PNG: inkPNG(t, false), Verdict: v}})
}

// TestSignatureConfirms: a customer's signature drawn on screen is the
// decision its document stands for, recorded and moved in one action.
func TestSignatureConfirms(t *testing.T) {
	ctx := context.Background()
	f := analysed(t)
	f.move(request.Move{Action: request.ActAskAnalysisOK})

	// 需求分析确认函: the analysis is signed and confirmed.
	got, err := signAs(t, f, document.TypeAnalysisLetter, document.RoleCustomer, "张伟", request.Verdict{})
	if err != nil {
		t.Fatal(err)
	}
	f.reload()
	if a := latestBody[request.Analysis](t, f, request.KindAnalysis); a.SignedBy != "张伟" || a.SignedOn != "2024-03-15" {
		t.Fatalf("analysis after signing = %+v", a)
	}
	if f.req.Status != request.StatusPlanDrafting || got.Step != request.ActAnalysisOK || got.Blocked != "" {
		t.Fatalf("after signing the analysis letter: status %s, %+v", f.req.Status, got)
	}

	// 服务方案确认函: the plan is signed; the step waits for the team lead,
	// and says so.
	f.add(request.KindPlan, "", request.Plan{Goals: "排程自动化", Content: "开发排程模块", Deliverables: "排程模块", AcceptanceCriteria: "通过验收测试"})
	f.move(request.Move{Action: request.ActSubmitReview})
	f.move(request.Move{Action: request.ActAskApproval})
	mustPerson(t, f.s, people.Fields{Name: "李娜", Roles: []request.Role{request.RoleGeneralManager}, Active: true})
	f.move(request.Move{Action: request.ActApprove})
	got, err = signAs(t, f, document.TypePlanLetter, document.RoleCustomer, "张伟", request.Verdict{})
	if err != nil {
		t.Fatal(err)
	}
	f.reload()
	if _, p, _ := request.CurrentPlan(mustRecords(t, f)); p.SignedBy != "张伟" || p.SignedOn != "2024-03-15" {
		t.Fatalf("plan after signing = %+v", p)
	}
	if f.req.Status != request.StatusPlanConfirm || got.Step != "" || !strings.Contains(got.Blocked, "服务团队") {
		t.Fatalf("plan letter signed without a team lead: status %s, %+v", f.req.Status, got)
	}
	f.add(request.KindTeamMember, "", request.TeamMember{Name: "王强", Role: "lead"})
	f.move(request.Move{Action: request.ActPlanOK}) // the signature is on record: no second signing

	// 交付验收单: the verdict is asked for, and recorded with the remarks.
	f.add(request.KindDelivery, "", request.Delivery{Items: "排程模块 v1.0", DeliveredOn: now.Format("2006-01-02")})
	f.move(request.Move{Action: request.ActDeliver})
	yes, no := true, false
	for _, tt := range []struct {
		name  string
		v     request.Verdict
		field string
	}{
		{"ErrNoVerdict", request.Verdict{}, "accepted"},
		{"ErrRefusedWithoutRemarks", request.Verdict{Accepted: &no, Remarks: "  "}, "remarks"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := f.s.Documents(ctx, f.req.ID)
			_, err := signAs(t, f, document.TypeAcceptance, document.RoleCustomer, "张伟", tt.v)
			if _, ok := fieldKeys(err)[tt.field]; !ok || apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("err = %v, want a problem with %s", err, tt.field)
			}
			after, _ := f.s.Documents(ctx, f.req.ID)
			if len(after) != len(before)+1 { // only the version generated for the attempt
				t.Fatalf("documents %d -> %d", len(before), len(after))
			}
			if d := latestBody[request.Delivery](t, f, request.KindDelivery); d.Accepted != nil {
				t.Fatalf("delivery written: %+v", d)
			}
		})
	}
	got, err = signAs(t, f, document.TypeAcceptance, document.RoleCustomer, "张伟", request.Verdict{Accepted: &no, Remarks: "导出报表缺少车间维度"})
	if err != nil {
		t.Fatal(err)
	}
	f.reload()
	if d := latestBody[request.Delivery](t, f, request.KindDelivery); d.Accepted == nil || *d.Accepted || d.Remarks != "导出报表缺少车间维度" ||
		d.Representative != "张伟" || d.AcceptedOn != "2024-03-15" {
		t.Fatalf("refused delivery = %+v", d)
	}
	if f.req.Status != request.StatusAcceptance || got.Step != "" {
		t.Fatalf("after refusal: status %s, %+v", f.req.Status, got)
	}
	text := pdfText(t, mustPDF(t, f, got.Document.ID))
	if !strings.Contains(text, "√验收不通过") || strings.Contains(text, "√验收通过") || !strings.Contains(text, "导出报表缺少车间维度") {
		t.Fatalf("refused acceptance form:\n%s", text)
	}

	got, err = signAs(t, f, document.TypeAcceptance, document.RoleCustomer, "张伟", request.Verdict{Accepted: &yes, Remarks: "整改后验收通过"})
	if err != nil {
		t.Fatal(err)
	}
	f.reload()
	if f.req.Status != request.StatusFeedback || got.Step != request.ActAccept {
		t.Fatalf("after acceptance: status %s, %+v", f.req.Status, got)
	}
	text = pdfText(t, mustPDF(t, f, got.Document.ID))
	if !strings.Contains(text, "√验收通过") || strings.Contains(text, "√验收不通过") || !strings.Contains(text, "整改后验收通过") {
		t.Fatalf("accepted acceptance form:\n%s", text)
	}
	// Our side has not signed: its block has no date. The day is printed
	// three times: generated on, delivered on, and the customer's signature.
	if n := strings.Count(text, "2024年3月15日"); n != 3 {
		t.Fatalf("the delivery date is printed %d times:\n%s", n, text)
	}
	d, _ := f.s.Request(ctx, f.req.ID)
	last := d.Transitions[len(d.Transitions)-1]
	if last.Action != request.ActAccept || !strings.Contains(last.Comment, "验收通过") || !strings.Contains(last.Comment, "屏幕签字") {
		t.Fatalf("last transition = %+v", last)
	}
	// Our side signs afterwards: the verdict stays printed, our date appears.
	company, err := command.Run(ctx, command.New(f.s), command.SignDocument{ID: got.Document.ID, RowVersion: got.Document.RowVersion, Sign: document.SignInput{Role: document.RoleCompany, Signer: "王强", PNG: inkPNG(t, false)}})
	if err != nil {
		t.Fatal(err)
	}
	text = pdfText(t, mustPDF(t, f, company.Document.ID))
	if !strings.Contains(text, "√验收通过") || len(company.Document.Signatures) != 2 {
		t.Fatalf("countersigned acceptance form:\n%s", text)
	}

	// 满意度调查表 (filled): the customer's signature confirms the scores.
	f.add(request.KindFeedback, "", request.Feedback{Obtained: true, Timeliness: 5, Effectiveness: 4, Attitude: 5, Overall: 5, Solved: true, Method: "onsite", On: now.Format("2006-01-02")})
	got, err = signAs(t, f, document.TypeSurvey, document.RoleCustomer, "张伟", request.Verdict{})
	if err != nil {
		t.Fatal(err)
	}
	if fb := latestBody[request.Feedback](t, f, request.KindFeedback); fb.SignedBy != "张伟" || fb.SignedOn != "2024-03-15" || fb.Overall != 5 {
		t.Fatalf("feedback after signing = %+v", fb)
	}
	if !strings.Contains(got.Recorded, "满意度") {
		t.Fatalf("recorded = %q", got.Recorded)
	}
}

func mustRecords(t *testing.T, f *flow) []request.Record {
	t.Helper()
	d, err := f.s.Request(context.Background(), f.req.ID)
	if err != nil {
		t.Fatal(err)
	}
	return d.Records
}

func mustPDF(t *testing.T, f *flow, id string) []byte {
	t.Helper()
	data, err := f.s.DocumentPDF(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
