package audit

import (
	"reflect"
	"testing"
)

// A step as the command recorded it before 0025: the request after the
// step with the step and its comment as two more fields.
type stepRequest struct {
	Number string            `json:"number"`
	Status string            `json:"status"`
	Fields map[string]string `json:"fields"`
}

type movedStep struct {
	stepRequest
	MoveAction  string `json:"moveAction"`
	MoveComment string `json:"moveComment,omitempty"`
}

func TestJoinStepGivesTheEntryBack(t *testing.T) {
	const number = "XR-2024-001"
	before := stepRequest{Number: number, Status: "triaged", Fields: map[string]string{"owner": "", "title": "对接"}}
	cases := []struct {
		name    string
		after   stepRequest
		action  string
		comment string
	}{
		{"status and owner", stepRequest{number, "assigned", map[string]string{"owner": "刘洋", "title": "对接"}}, "assign", ""},
		{"comment with marks JSON escapes", stepRequest{number, "on_hold", before.Fields}, "hold", `等新服务器 <"&">`},
		{"status unchanged", stepRequest{number, "triaged", map[string]string{"owner": "", "title": "对接"}}, "remind", "催办"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stored, err := Changes(before, movedStep{c.after, c.action, c.comment})
			if err != nil {
				t.Fatal(err)
			}
			want, err := Decode(stored)
			if err != nil {
				t.Fatal(err)
			}
			restText, err := Changes(before, c.after)
			if err != nil {
				t.Fatal(err)
			}
			rest, err := Decode(restText)
			if err != nil {
				t.Fatal(err)
			}
			// What the transition does not keep: the other fields.
			kept := rest[:0]
			for _, ch := range rest {
				if ch.Field != FieldStatus && ch.Field != FieldNumber {
					kept = append(kept, ch)
				}
			}
			rest = kept
			if got := JoinStep(rest, number, before.Status, c.after.Status, c.action, c.comment); !reflect.DeepEqual(got, want) {
				t.Fatalf("joined = %v\nwant     %v", got, want)
			}
			split, ok := SplitStep(want, number, before.Status, c.after.Status, c.action, c.comment)
			if !ok {
				t.Fatalf("SplitStep(%v) refused its own step", want)
			}
			for _, ch := range split {
				if ch.Field == FieldNumber || ch.Field == FieldStatus || ch.Field == FieldMoveAction || ch.Field == FieldMoveComment {
					t.Fatalf("rest keeps %s", ch.Field)
				}
			}
			// A transition that says anything else does not take the entry.
			for _, other := range [][5]string{
				{number, before.Status, c.after.Status, "reject", c.comment},
				{number, before.Status, c.after.Status, c.action, c.comment + "。"},
				{number, "registered", c.after.Status, c.action, c.comment},
				{"XR-2024-002", before.Status, c.after.Status, c.action, c.comment},
			} {
				if _, ok := SplitStep(want, other[0], other[1], other[2], other[3], other[4]); ok {
					t.Errorf("SplitStep took the entry for the transition %v", other)
				}
			}
		})
	}
	// An entry without the step (an edit of the request) is not a step's.
	if _, ok := SplitStep([]Change{{Field: "status", Before: `"a"`, After: `"b"`}}, "", "a", "b", "x", ""); ok {
		t.Error("SplitStep took an entry without moveAction")
	}
}
