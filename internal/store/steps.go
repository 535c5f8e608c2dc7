package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/request"
)

// A step's audit entry is kept with its transition (0025, internal/audit
// step.go): the transition's changes column holds what the step changed
// besides the status, the step and its comment. History shows it as the
// entry it was.

// stepEntry is a step's entry as the audit trail had it before 0025: the
// fields the request changed from before to after, with the step and its
// comment as the fields moveAction and moveComment of the request after.
// before and after are the requests, or their stepViews.
func stepEntry(tr request.Transition, before, after any, number string, from, to request.Status) ([]audit.Change, error) {
	text, err := audit.Changes(before, after)
	if err != nil {
		return nil, err
	}
	changes, err := audit.Decode(text)
	if err != nil {
		return nil, err
	}
	// The step's own changes, the way the request after it would have
	// them as two more fields (moveAction, moveComment).
	var rest []audit.Change
	for _, c := range changes {
		if c.Field != audit.FieldStatus && c.Field != audit.FieldNumber {
			rest = append(rest, c)
		}
	}
	return audit.JoinStep(rest, number, string(from), string(to), string(tr.Action), tr.Comment), nil
}

// StepRest is what a transition keeps of its step's entry (the changes
// besides the step's own), in the stored form; ok is false when the
// transition cannot keep it (it says another step than the entry).
func StepRest(tr request.Transition, before, after request.Request) (rest any, ok bool, err error) {
	var b, a any = before, after
	if vb, va, ok := stepViews(before, after); ok {
		b, a = vb, va
	}
	full, err := stepEntry(tr, b, a, after.Number, before.Status, after.Status)
	if err != nil {
		return nil, false, err
	}
	kept, ok := audit.SplitStep(full, after.Number, string(tr.From), string(tr.To), string(tr.Action), tr.Comment)
	if !ok {
		return nil, false, nil
	}
	return audit.Storable(audit.Encode(kept)), true, nil
}

// stepView is a request as far as a step changes it (the columns SaveStep
// writes) with the number every entry names, under the names the request's
// encoding gives them.
type stepView struct {
	Number string         `json:"number"`
	Status request.Status `json:"status"`
	Fields struct {
		Owner      string `json:"owner"`
		Department string `json:"department"`
	} `json:"fields"`
	State request.State `json:"state"`
}

// stepViews are the stepViews of before and after when the two agree on
// everything else: the diff of the views is then the diff of the whole
// requests, at a fraction of its cost (a data set of 100k requests takes
// 760k steps).
func stepViews(before, after request.Request) (stepView, stepView, bool) {
	view := func(r request.Request) stepView {
		v := stepView{Number: r.Number, Status: r.Status, State: r.State}
		v.Fields.Owner, v.Fields.Department = r.Fields.Owner, r.Fields.Department
		return v
	}
	rest := func(r request.Request) request.Request {
		r.Number, r.Status, r.State, r.Fields.Owner, r.Fields.Department = "", "", request.State{}, "", ""
		r.UpdatedAt, r.Version = time.Time{}, 0 // bookkeeping the audit leaves out
		return r
	}
	if rest(before) != rest(after) {
		return stepView{}, stepView{}, false
	}
	return view(before), view(after), true
}

// AuditStep writes the audit entry of the step tr (SaveStep wrote it) of a
// request from before to after: with the transition when the transition
// says the same and the step was taken by the person the entry names, else
// as an entry of its own, as before 0025.
func (t *Tx) AuditStep(ctx context.Context, tr request.Transition, before, after request.Request) error {
	actor, err := t.Actor(ctx)
	if err != nil {
		return err
	}
	if actor == tr.Actor && tr.At.Equal(t.now) {
		rest, ok, err := StepRest(tr, before, after)
		if err != nil {
			return err
		}
		if ok {
			res, err := t.ExecContext(ctx, `UPDATE request_transitions SET changes = ?, entry_pos = `+nextEntryPos+`
				WHERE id = ? AND changes IS NULL`, rest, idKey(tr.ID))
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n != 1 {
				return fmt.Errorf("audit of step %s: %d transitions to keep it (%v)", tr.ID, n, err)
			}
			return nil
		}
	}
	full, err := stepEntry(tr, before, after, after.Number, before.Status, after.Status)
	if err != nil {
		return err
	}
	args := []any{idKey(t.NewID()), millis(t.now), actor, audit.EntityRequest, idKey(before.ID), audit.ActionUpdate,
		audit.Storable(audit.Encode(full))}
	if _, err := t.ExecContext(ctx, auditInsert, args...); err != nil {
		return fmt.Errorf("audit request update: %w", err)
	}
	return nil
}

// before tells whether the step's entry s stands before the entry e.
func (s placedEntry) before(e placedEntry) bool {
	if s.pos > 0 && e.pos > 0 {
		return s.pos < e.pos
	}
	return s.At.Before(e.At) || s.At.Equal(e.At) && s.ID < e.ID
}

// nextEntryPos is the entry_pos (0025) of a step's entry written now: after
// every entry of the audit log so far, before the next one.
const nextEntryPos = `(SELECT 2 * coalesce(max(seq), 0) + 1 FROM audit_log)`

// placedEntry is an entry as History merges it: a stored one with pos 2 ×
// its seq, a step's with its entry_pos, 0 when not known.
type placedEntry struct {
	audit.Entry
	pos int64
}

// stepEntries reads the entries the transitions of request id keep, in the
// order of the transitions.
func stepEntries(ctx context.Context, q queryer, id string) ([]placedEntry, error) {
	var out []placedEntry
	err := eachRow(ctx, q, `SELECT t.changes, coalesce(t.entry_pos, 0), r.number, `+prefixed("t.", transitionColumns)+`
		FROM request_transitions t JOIN requests r ON r.seq = t.req
		WHERE r.id = ? AND t.changes IS NOT NULL ORDER BY t.seq`, []any{id},
		func(rows *sql.Rows) error {
			var stored any
			var pos int64
			var number string
			tr, err := scanTransition(rows, &stored, &pos, &number)
			if err != nil {
				return err
			}
			// A damaged rest shows the step alone, as a damaged entry
			// shows no changes.
			var rest []audit.Change
			if text, err := audit.Stored(stored); err == nil {
				rest, _ = audit.Decode(text)
			}
			out = append(out, placedEntry{audit.Entry{ID: tr.ID, At: tr.At, Actor: tr.Actor, Entity: audit.EntityRequest, EntityID: id,
				Action: audit.ActionUpdate, Changes: audit.JoinStep(rest, number, string(tr.From), string(tr.To), string(tr.Action), tr.Comment)}, pos})
			return nil
		})
	return out, err
}

// withSteps places the step entries among the entries of the audit log (in
// the order they were written), each where its entry would have stood: by
// its entry_pos; one whose place is not known (a copy of a team's database
// that did not keep it) before the first entry made after it, by time and,
// within a millisecond, by id (a command's ids follow one another).
func withSteps(stored, steps []placedEntry) []audit.Entry {
	out := make([]audit.Entry, 0, len(stored)+len(steps))
	j := 0
	for _, e := range stored {
		for j < len(steps) && steps[j].before(e) {
			out = append(out, steps[j].Entry)
			j++
		}
		out = append(out, e.Entry)
	}
	for _, s := range steps[j:] {
		out = append(out, s.Entry)
	}
	return out
}
