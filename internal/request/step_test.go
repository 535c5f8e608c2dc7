package request_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

func planRecord(t *testing.T, p request.Plan) request.Record {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return request.Record{ID: "plan-1", RequestID: "r1", Kind: request.KindPlan, Body: b, Version: 1}
}

// TestStep decides steps without a database: what a step changes besides
// the status comes back for the caller to save.
func TestStep(t *testing.T) {
	at := time.Date(2024, 3, 15, 2, 0, 0, 0, time.UTC)
	full := request.Plan{VersionNo: 1, Goals: "g", Content: "c", Deliverables: "d", AcceptanceCriteria: "a"}
	gm := request.Facts{Actor: "孙建国", ActorRoles: []request.Role{request.RoleGeneralManager}}
	base := request.Request{ID: "r1", Status: request.StatusPlanApproval, Version: 3,
		State:  request.State{Path: request.PathFull},
		Fields: request.Fields{Department: "技术支持部", Owner: "王强", ReceivedAt: at.Add(-48 * time.Hour)}}

	t.Run("OKApprove", func(t *testing.T) {
		got, err := request.Step(base, request.Move{Action: request.ActApprove},
			request.StepInput{Records: []request.Record{planRecord(t, full)}, Acting: gm, Now: at})
		if err != nil {
			t.Fatal(err)
		}
		if got.Request.Status != request.StatusPlanConfirm {
			t.Errorf("status %s, want %s", got.Request.Status, request.StatusPlanConfirm)
		}
		if got.Plan == nil || got.Plan.Plan.ApprovedBy != "孙建国" || got.Plan.Plan.ApprovedAt != "2024-03-15T02:00:00.000Z" || got.Plan.Next != nil {
			t.Errorf("plan change %+v, want approved by 孙建国 at the step's time", got.Plan)
		}
		if base.Status != request.StatusPlanApproval {
			t.Error("Step changed the request it was given")
		}
	})
	t.Run("OKDeclineMakesNextVersion", func(t *testing.T) {
		got, err := request.Step(base, request.Move{Action: request.ActDecline, Reason: "成本过高", Comment: "请压缩"},
			request.StepInput{Records: []request.Record{planRecord(t, full)}, Acting: gm, Now: at})
		if err != nil {
			t.Fatal(err)
		}
		if got.Plan == nil || !got.Plan.Plan.Superseded || got.Plan.Next == nil || got.Plan.Next.VersionNo != 2 {
			t.Fatalf("plan change %+v, want v1 superseded and v2 to add", got.Plan)
		}
		if got.Comment != "成本过高；请压缩" {
			t.Errorf("comment %q", got.Comment)
		}
	})
	t.Run("ErrNotManager", func(t *testing.T) {
		_, err := request.Step(base, request.Move{Action: request.ActApprove},
			request.StepInput{Records: []request.Record{planRecord(t, full)}, Acting: request.Facts{Actor: "李娜"}, Now: at})
		if apperr.CodeOf(err) != apperr.InvalidTransition && apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("err %v, want a refusal", err)
		}
	})
	t.Run("ErrDuplicateNotFound", func(t *testing.T) {
		r := base
		r.Status = request.StatusRegistered
		_, err := request.Step(r, request.Move{Action: request.ActReject, Reason: "重复", DuplicateOf: "R-404"},
			request.StepInput{Acting: gm, Now: at})
		if apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("err %v, want invalid duplicateOf", err)
		}
	})
}
