package audit

import (
	"encoding/json"
	"sort"
)

// A step of a request's lifecycle is recorded twice over in what it
// changes: its transition keeps the status before and after, the step and
// its comment, and until migration 0025 its audit entry kept them again
// (the request's status, and the step as the fields moveAction and
// moveComment of the request after it) beside the other fields the step
// changed. A transition now keeps its step's entry: the entry is the
// transition's time, actor and request, and its changes are the step's own
// (StepChanges) joined with what else it changed (JoinStep), so the audit
// trail shows the same entry with one row fewer a step. The request's
// number, which every entry of a request names (see Diff) and no step
// changes, is the request's.
const (
	FieldNumber      = "number"
	FieldStatus      = "status"
	FieldMoveAction  = "moveAction"
	FieldMoveComment = "moveComment"
)

// StepChanges are the changes a step's entry records of the step itself:
// the status from → to (when it changed), the step, and its comment when
// one was given, as JSON values the way the request's encoding writes
// them, and the request's number.
func StepChanges(number, from, to, action, comment string) []Change {
	out := append(make([]Change, 0, 4), Change{Field: FieldMoveAction, After: quote(action)})
	if comment != "" {
		out = append(out, Change{Field: FieldMoveComment, After: quote(comment)})
	}
	out = append(out, Change{Field: FieldNumber, Before: quote(number), After: quote(number)})
	if from != to {
		out = append(out, Change{Field: FieldStatus, Before: quote(from), After: quote(to)})
	}
	return out
}

// JoinStep is a step's entry's changes: rest, what else the step changed,
// with StepChanges, in field order.
func JoinStep(rest []Change, number, from, to, action, comment string) []Change {
	out := append(append(make([]Change, 0, len(rest)+4), rest...), StepChanges(number, from, to, action, comment)...)
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// SplitStep takes out of a step's entry's changes what its transition
// keeps; ok is false unless JoinStep gives the changes back exactly (the
// transition says the same), and only then may the entry be kept with the
// transition.
func SplitStep(changes []Change, number, from, to, action, comment string) (rest []Change, ok bool) {
	for _, c := range changes {
		switch c.Field {
		case FieldNumber, FieldStatus, FieldMoveAction, FieldMoveComment:
		default:
			rest = append(rest, c)
		}
	}
	joined := JoinStep(rest, number, from, to, action, comment)
	if len(joined) != len(changes) {
		return nil, false
	}
	sorted := append([]Change(nil), changes...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Field < sorted[j].Field })
	for i := range joined {
		if joined[i] != sorted[i] {
			return nil, false
		}
	}
	return rest, true
}

// quote is a text as a JSON value, escaped as encoding/json writes it
// (the request's encoding, which Diff reads).
func quote(s string) string {
	b, _ := json.Marshal(s) // a string always encodes
	return string(b)
}
