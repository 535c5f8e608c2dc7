package request_test

import (
	"reflect"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

func TestStepFrom(t *testing.T) {
	triage := &request.Transition{Action: request.ActTriage, From: request.StatusRegistered, To: request.StatusTriaged}
	cancel := &request.Transition{Action: request.ActCancel, From: request.StatusRegistered, To: request.StatusCancelled}
	tests := []struct {
		name     string
		from     request.Status
		action   request.Action
		cur      request.Status
		last     *request.Transition
		wantNoop bool
		wantKey  string
	}{
		{"OK", request.StatusRegistered, request.ActTriage, request.StatusRegistered, nil, false, ""},
		{"OKNoBase", "", request.ActTriage, request.StatusTriaged, triage, false, ""},
		{"SameStepTwice", request.StatusRegistered, request.ActTriage, request.StatusTriaged, triage, true, ""},
		{"ErrStale", request.StatusRegistered, request.ActHold, request.StatusTriaged, triage, false, "sync_stale_step"},
		{"ErrClosed", request.StatusRegistered, request.ActTriage, request.StatusCancelled, cancel, false, "sync_request_closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			noop, err := request.StepFrom(tt.from, tt.action, tt.cur, tt.last)
			key := ""
			if e, ok := apperr.As(err); ok {
				key = e.Key
			}
			if got, want := noop, tt.wantNoop; got != want || key != tt.wantKey {
				t.Fatalf("noop %v, err %v; want noop %v, key %q", noop, err, want, tt.wantKey)
			}
		})
	}
}

func TestMergeFields(t *testing.T) {
	base := request.Fields{Title: "接口咨询", Scene: "", Product: "V4", Owner: "王强"}
	mine := base
	mine.Title, mine.Scene = "接口对接咨询", "月末结账"
	theirs := base
	theirs.Scene, theirs.Product = "日常对账", "V5"
	got, conflicts, err := request.MergeFields(base, mine, theirs)
	if err != nil {
		t.Fatal(err)
	}
	want := base
	want.Title, want.Scene, want.Product = "接口对接咨询", "日常对账", "V5"
	if got != want || !reflect.DeepEqual(conflicts, []string{"scene"}) {
		t.Fatalf("merged %+v, conflicts %v; want %+v, [scene]", got, conflicts, want)
	}
	// The same change on both sides is no conflict.
	theirs.Scene = "月末结账"
	if _, conflicts, _ := request.MergeFields(base, mine, theirs); len(conflicts) != 0 {
		t.Fatalf("same value on both sides: conflicts %v", conflicts)
	}
	// Applied again on purpose, my scene wins; their product stays.
	theirs.Scene = "日常对账"
	again, err := request.Reapply(base, mine, theirs)
	if err != nil || again.Scene != "月末结账" || again.Product != "V5" || again.Title != "接口对接咨询" {
		t.Fatalf("reapplied %+v (%v)", again, err)
	}
	if e, ok := apperr.As(request.FieldConflict([]string{"scene"})); !ok || e.Key != "sync_field_conflict" {
		t.Fatalf("field conflict %v", e)
	}
}
