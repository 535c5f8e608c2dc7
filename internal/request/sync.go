package request

import (
	"encoding/json"
	"sort"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// The rules by which the team server judges a command a laptop made offline
// (internal/teamsync): versions differ between machines legitimately, so a
// step is judged by the status it started from and an edit field by field.

// StepFrom judges a step taken offline from status from on a request that
// is now at cur, whose last step was last (nil if none): noop when the
// request already took the same step from the same status (two people did
// the same thing), else a conflict keyed sync_request_closed when the
// request was closed meanwhile, or sync_stale_step. A step from the
// current status is neither.
func StepFrom(from Status, action Action, cur Status, last *Transition) (noop bool, err error) {
	if from == "" || from == cur {
		return false, nil
	}
	if last != nil && last.Action == action && last.From == from && last.To == cur {
		return true, nil
	}
	if cur.Closed() {
		return false, apperr.New(apperr.Conflict, "sync_request_closed", apperr.P{"status": cur.Term()})
	}
	return false, apperr.New(apperr.Conflict, "sync_stale_step", apperr.P{"from": from.Term(), "status": cur.Term(),
		"action": action.Term()})
}

// MergeFields merges an edit made offline from the values base into the
// values theirs the request has now, field by field: a field the edit left
// as it found it keeps theirs, a field only the edit changed takes mine,
// and a field both changed to different values keeps theirs and is named
// (by its JSON name) in conflicts.
func MergeFields(base, mine, theirs Fields) (merged Fields, conflicts []string, err error) {
	b, err := fieldMap(base)
	if err != nil {
		return theirs, nil, err
	}
	m, err := fieldMap(mine)
	if err != nil {
		return theirs, nil, err
	}
	t, err := fieldMap(theirs)
	if err != nil {
		return theirs, nil, err
	}
	out := map[string]json.RawMessage{}
	for k, tv := range t {
		mv, bv := m[k], b[k]
		switch {
		case string(mv) == string(bv), string(mv) == string(tv):
			out[k] = tv
		case string(tv) == string(bv):
			out[k] = mv
		default:
			out[k] = tv
			conflicts = append(conflicts, k)
		}
	}
	raw, err := json.Marshal(out)
	if err != nil {
		return theirs, nil, err
	}
	err = json.Unmarshal(raw, &merged)
	sort.Strings(conflicts)
	return merged, conflicts, err
}

func fieldMap(f Fields) (map[string]json.RawMessage, error) {
	raw, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	return m, json.Unmarshal(raw, &m)
}

// FieldConflict is the conflict of an edit whose fields names (JSON names)
// were changed differently on the server: named by their labels.
func FieldConflict(names []string) error {
	terms := make([]apperr.Term, len(names))
	for i, n := range names {
		terms[i] = apperr.Term{Kind: "fields.request", Code: n, Name: n}
		for _, d := range FieldDefs {
			if d.Name == n {
				terms[i].Name = d.Label
			}
		}
	}
	return apperr.New(apperr.Conflict, "sync_field_conflict", apperr.P{"fields": terms})
}

// Reapply is an edit applied again on purpose (the user chose “apply again
// on the current state”): every field it changed from base takes its
// value, every other field keeps theirs.
func Reapply(base, mine, theirs Fields) (Fields, error) {
	merged, conflicts, err := MergeFields(base, mine, theirs)
	if err != nil || len(conflicts) == 0 {
		return merged, err
	}
	m, err := fieldMap(merged)
	if err != nil {
		return theirs, err
	}
	mv, err := fieldMap(mine)
	if err != nil {
		return theirs, err
	}
	for _, k := range conflicts {
		m[k] = mv[k]
	}
	raw, err := json.Marshal(m)
	if err != nil {
		return theirs, err
	}
	var out Fields
	return out, json.Unmarshal(raw, &out)
}
