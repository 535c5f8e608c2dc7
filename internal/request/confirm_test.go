package request_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

func TestCheckVerdict(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		name  string
		c     request.Confirmation
		v     request.Verdict
		field string // "" when accepted
	}{
		{"OKPass", request.ConfirmAcceptance, request.Verdict{Accepted: &yes}, ""},
		{"OKFailWithRemarks", request.ConfirmAcceptance, request.Verdict{Accepted: &no, Remarks: " 缺少车间维度 "}, ""},
		{"OKLetter", request.ConfirmAnalysis, request.Verdict{}, ""},
		{"ErrNoVerdict", request.ConfirmAcceptance, request.Verdict{Remarks: "好"}, "accepted"},
		{"ErrFailWithoutRemarks", request.ConfirmAcceptance, request.Verdict{Accepted: &no, Remarks: "  "}, "remarks"},
		{"ErrVerdictOnLetter", request.ConfirmPlan, request.Verdict{Accepted: &yes}, "accepted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.v
			err := request.CheckVerdict(tt.c, &v)
			e, _ := apperr.As(err)
			switch {
			case tt.field == "" && err != nil:
				t.Fatalf("err = %v", err)
			case tt.field != "" && (e == nil || e.Code != apperr.Invalid || len(e.Fields) == 0 || e.Fields[0].Field != tt.field || e.Message == ""):
				t.Fatalf("err = %v, want a Chinese message naming %s", err, tt.field)
			}
		})
	}
}

func TestConfirm(t *testing.T) {
	body, _ := json.Marshal(request.Delivery{Items: "排程模块", DeliveredOn: "2024-05-06"})
	rec := request.Record{ID: "d1", Kind: request.KindDelivery, Body: body, CreatedAt: time.Now()}
	no, yes := false, true
	tests := []struct {
		name   string
		status request.Status
		v      request.Verdict
		step   request.Action
	}{
		{"PassAtAcceptance", request.StatusAcceptance, request.Verdict{Accepted: &yes}, request.ActAccept},
		{"PassElsewhere", request.StatusImplementation, request.Verdict{Accepted: &yes}, ""},
		{"Fail", request.StatusAcceptance, request.Verdict{Accepted: &no, Remarks: "整改"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := request.Confirm(request.ConfirmAcceptance, rec, tt.status, "张伟", "2024-05-08", tt.v)
			if err != nil {
				t.Fatal(err)
			}
			var d request.Delivery
			_ = json.Unmarshal(got.Body, &d)
			if got.Step != tt.step || d.Accepted == nil || *d.Accepted != *tt.v.Accepted || d.Representative != "张伟" ||
				d.AcceptedOn != "2024-05-08" || d.Remarks != tt.v.Remarks || d.Items != "排程模块" {
				t.Fatalf("got step %q, delivery %+v", got.Step, d)
			}
		})
	}
	if r, ok := request.ConfirmationRecord(request.ConfirmAcceptance, []request.Record{rec}); !ok || r.ID != "d1" {
		t.Fatalf("confirmation record = %+v, %v", r, ok)
	}
	if _, ok := request.ConfirmationRecord(request.ConfirmFeedback, []request.Record{rec}); ok {
		t.Fatal("a delivery passes for feedback")
	}
}
