package request_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

// TestStepComplaint: each step only from its status, with what it needs.
func TestStepComplaint(t *testing.T) {
	now := time.Date(2026, 10, 9, 10, 0, 0, 0, time.UTC)
	cc := request.ComplaintContext{Request: request.Request{Fields: request.Fields{ReceivedAt: now.Add(-48 * time.Hour)}},
		Staff: request.Staff{"王强": {Active: true}, "刘洋": {Active: false}}, Actor: "王强", Now: now, Zone: time.UTC}
	reg := request.Complaint{ReceivedAt: now.Add(-time.Hour), Status: request.ComplaintRegistered}
	inv := request.Complaint{ReceivedAt: now.Add(-time.Hour), Status: request.ComplaintInvestigating, AcceptedAt: now.Add(-30 * time.Minute)}
	ans := inv
	ans.Status, ans.AnsweredAt, ans.Answer = request.ComplaintAnswered, now, "已致歉"
	no, yes := false, true
	full := request.ComplaintInput{Findings: "f", Responsible: "赵磊", Measures: "m", Answer: "a"}
	tests := []struct {
		name       string
		cur        request.Complaint
		action     string
		in         request.ComplaintInput
		wantStatus string
		wantCode   string
		wantField  string
	}{
		{"OK/Accept", reg, request.ComplaintAccept, request.ComplaintInput{Investigator: "王强"}, request.ComplaintInvestigating, "", ""},
		{"OK/Answer", inv, request.ComplaintAnswer, full, request.ComplaintAnswered, "", ""},
		{"OK/CloseAccepted", ans, request.ComplaintClose, request.ComplaintInput{Accepted: &yes}, request.ComplaintClosed, "", ""},
		{"OK/CloseNotAcceptedWithNote", ans, request.ComplaintClose, request.ComplaintInput{Accepted: &no, Note: "要求赔偿"}, request.ComplaintClosed, "", ""},
		{"OK/Reinvestigate", ans, request.ComplaintReinvestigate, request.ComplaintInput{Note: "不认可"}, request.ComplaintInvestigating, "", ""},
		{"ErrAcceptTwice", inv, request.ComplaintAccept, request.ComplaintInput{Investigator: "王强"}, "", apperr.Conflict, ""},
		{"ErrCloseBeforeAnswer", inv, request.ComplaintClose, request.ComplaintInput{Accepted: &yes}, "", apperr.Conflict, ""},
		{"ErrRetiredInvestigator", reg, request.ComplaintAccept, request.ComplaintInput{Investigator: "刘洋"}, "", apperr.Invalid, "investigator"},
		{"ErrAnswerBeforeTakenUp", inv, request.ComplaintAnswer, request.ComplaintInput{Findings: "f", Responsible: "赵磊", Measures: "m",
			Answer: "a", AnsweredAt: now.Add(-2 * time.Hour)}, "", apperr.Invalid, "answeredAt"},
		{"ErrAnswerTomorrow", inv, request.ComplaintAnswer, request.ComplaintInput{Findings: "f", Responsible: "赵磊", Measures: "m",
			Answer: "a", AnsweredAt: now.Add(24 * time.Hour)}, "", apperr.Invalid, "answeredAt"},
		{"ErrCloseUndecided", ans, request.ComplaintClose, request.ComplaintInput{}, "", apperr.Invalid, "accepted"},
		{"ErrReinvestigateWithoutWhy", ans, request.ComplaintReinvestigate, request.ComplaintInput{}, "", apperr.Invalid, "note"},
		{"ErrUnknownAction", ans, "forget", request.ComplaintInput{}, "", apperr.Invalid, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := request.StepComplaint(tt.cur, tt.action, tt.in, cc)
			if tt.wantCode == "" {
				if err != nil || got.Status != tt.wantStatus {
					t.Fatalf("got %+v, %v; want status %s", got, err, tt.wantStatus)
				}
				return
			}
			e, ok := apperr.As(err)
			if !ok || e.Code != tt.wantCode {
				t.Fatalf("err = %v, want %s", err, tt.wantCode)
			}
			if tt.wantField != "" {
				named := false
				for _, f := range e.Fields {
					named = named || f.Field == tt.wantField
				}
				if !named {
					t.Fatalf("err %+v does not name %s", e, tt.wantField)
				}
			}
		})
	}
}
