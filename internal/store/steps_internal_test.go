package store

import (
	"reflect"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/request"
)

// TestStepViews: the diff of the step views is the diff of the whole
// requests whenever the views are taken, and a step that changed anything
// else is diffed whole.
func TestStepViews(t *testing.T) {
	at := time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)
	before := request.Request{ID: "r1", Number: "XR-2024-001", Status: request.StatusTriaged, CustomerName: "华信",
		Fields: request.Fields{Title: "对接", Description: "客户希望了解对接方式", ReceivedAt: at, Department: "技术支持部"},
		State:  request.State{Path: request.PathFull}, CreatedAt: at, UpdatedAt: at, Version: 3}
	after := before
	after.Status, after.Fields.Owner, after.UpdatedAt, after.Version = request.StatusAssigned, "王强", at.Add(time.Hour), 4
	edited := after
	edited.Fields.Title = "对接（改）"
	tr := request.Transition{ID: "t1", Action: request.ActAssign, From: before.Status, To: after.Status, Comment: "尽快"}
	for _, c := range []struct {
		name  string
		after request.Request
		views bool
	}{{"a step", after, true}, {"a step that changed the title too", edited, false}} {
		_, _, views := stepViews(before, c.after)
		if views != c.views {
			t.Fatalf("%s: views taken %v", c.name, views)
		}
		whole, err := stepEntry(tr, before, c.after, c.after.Number, before.Status, c.after.Status)
		if err != nil {
			t.Fatal(err)
		}
		want, ok := audit.SplitStep(whole, c.after.Number, string(tr.From), string(tr.To), string(tr.Action), tr.Comment)
		if !ok {
			t.Fatalf("%s: the whole entry does not split", c.name)
		}
		kept, ok, err := StepRest(tr, before, c.after)
		if err != nil || !ok {
			t.Fatalf("%s: %v, %v", c.name, ok, err)
		}
		text, _ := audit.Stored(kept)
		got, _ := audit.Decode(text)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: kept %v, want %v", c.name, got, want)
		}
	}
}
