package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/request"
)

// transitionColumns are the columns scanTransition reads.
const transitionColumns = `id, at, actor, action, from_status, to_status, comment`

// prefixed is a list of columns (as transitionColumns) each named with
// prefix, a table's alias and a dot.
func prefixed(prefix, columns string) string {
	cols := strings.Split(columns, ", ")
	for i := range cols {
		cols[i] = prefix + cols[i]
	}
	return strings.Join(cols, ", ")
}

// scanTransition reads a row of transitionColumns, after the columns lead
// points to: the id kept as its bytes or text (idKey), the time as Unix
// milliseconds or text (millis).
func scanTransition(sc *sql.Rows, lead ...any) (request.Transition, error) {
	var t request.Transition
	var id, at any
	if err := sc.Scan(append(lead, &id, &at, &t.Actor, &t.Action, &t.From, &t.To, &t.Comment)...); err != nil {
		return t, err
	}
	t.ID, t.At = idText(id), storedTime(at)
	t.Action, t.From, t.To = request.Action(stepWord(string(t.Action))), request.Status(stepWord(string(t.From))),
		request.Status(stepWord(string(t.To)))
	return t, nil
}

// transitions reads a request's transitions, oldest first.
func (s *Store) transitions(ctx context.Context, q queryer, requestID string) ([]request.Transition, error) {
	out := []request.Transition{}
	err := eachRow(ctx, q, `SELECT `+transitionColumns+` FROM request_transitions WHERE req = `+reqOf+` ORDER BY seq`,
		[]any{requestID}, func(sc *sql.Rows) error {
			t, err := scanTransition(sc)
			out = append(out, t)
			return err
		})
	return out, err
}

// actorRoles returns the roles of the person acting: a logged-in user's
// account roles, else those of the person the actor names (see actor).
func (s *Store) actorRoles(ctx context.Context, q queryer) ([]request.Role, error) {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.Roles, nil
	}
	if audit.Actor(ctx) == "system" {
		if joined, roles, err := s.joinedAccount(ctx, q); err != nil || joined != "" {
			return roles, err
		}
	}
	name, err := s.actor(ctx, q)
	if err != nil {
		return nil, err
	}
	var roles string
	err = q.QueryRowContext(ctx, `SELECT roles FROM people WHERE name = ? AND active = 1`, name).Scan(&roles)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []request.Role
	return out, json.Unmarshal([]byte(roles), &out)
}

// acting gathers who is acting for the guards: the actor's name and roles,
// and the people (or, for a logged-in user, the accounts) who hold the
// general manager's role, so a step only they may take can name them.
func (s *Store) acting(ctx context.Context, q queryer, f *request.Facts) error {
	roles, err := s.actorRoles(ctx, q)
	if err != nil {
		return err
	}
	f.ActorRoles = roles
	if f.Actor, err = s.actor(ctx, q); err != nil {
		return err
	}
	query := `SELECT p.name FROM people p, json_each(p.roles) r WHERE p.active = 1 AND r.value = ? ORDER BY p.name`
	if u, ok := auth.UserFrom(ctx); ok {
		f.Actor = u.Name
		query = `SELECT a.name FROM accounts a, json_each(a.roles) r WHERE a.disabled = 0 AND json_valid(a.roles)
			AND r.value = ? ORDER BY a.name`
	}
	rows, err := q.QueryContext(ctx, query, request.RoleGeneralManager)
	if err != nil {
		return err
	}
	defer rows.Close()
	f.Managers = nil
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		f.Managers = append(f.Managers, name)
	}
	return rows.Err()
}

// Request loads a request for a change.
func (t *Tx) Request(ctx context.Context, id string) (request.Request, error) {
	r, _, err := t.s.request(ctx, t, id)
	return r, err
}

// Records loads a request's stage records for a change.
func (t *Tx) Records(ctx context.Context, requestID string) ([]request.Record, error) {
	return t.s.records(ctx, t, requestID)
}

// Acting names who is acting, with their roles, and the people who hold
// the general manager's role (see Store.acting).
func (t *Tx) Acting(ctx context.Context) (request.Facts, error) {
	var f request.Facts
	err := t.s.acting(ctx, t, &f)
	return f, err
}

// Staff loads the people list the guards pick names from.
func (t *Tx) Staff(ctx context.Context) (request.Staff, error) { return t.s.staff(ctx, t) }

// Actor names the person acting (see Store.actor).
func (t *Tx) Actor(ctx context.Context) (string, error) { return t.s.actor(ctx, t) }

// Audit writes one audit entry; before or after is nil for a create or a
// delete.
func (t *Tx) Audit(ctx context.Context, entity, entityID, action string, before, after any) error {
	return t.s.record(ctx, t, entity, entityID, action, before, after)
}

// FindRequest returns the id of the request ref names, by id or number,
// other than the one except; "" when there is none.
func (t *Tx) FindRequest(ctx context.Context, ref, except string) (string, error) {
	var id string
	err := t.QueryRowContext(ctx, `SELECT id FROM requests WHERE (id = ? OR number = ?) AND id <> ?`,
		ref, ref, except).Scan(&id)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return id, err
}

// SaveStep saves a request after a step of the lifecycle: its status and
// state, the transition from before, and its derived rows. version is the
// one the step was decided on; a request changed since is refused as stale.
func (t *Tx) SaveStep(ctx context.Context, r request.Request, version int64, tr request.Transition) error {
	res, err := t.ExecContext(ctx, `UPDATE requests SET status = ?, path = ?, green_channel = ?, held_from = ?,
		follow_up_on = ?, status_reason = ?, duplicate_of = ?, reopen_count = ?, owner = ?, department = ?,
		updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
		r.Status, r.State.Path, r.State.GreenChannel, r.State.HeldFrom, r.State.FollowUpOn, r.State.StatusReason,
		nullable(r.State.DuplicateOf), r.State.ReopenCount, r.Fields.Owner, r.Fields.Department,
		t.s.ts(t.now), r.ID, version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err == nil {
			err = stale("request")
		}
		return err
	}
	if _, err := t.ExecContext(ctx, `INSERT INTO request_transitions (id, req, at, actor, action, from_status,
		to_status, comment) VALUES (?, `+reqOf+`, ?, ?, ?, ?, ?, ?)`,
		idKey(tr.ID), r.ID, millis(tr.At), tr.Actor, stepCode(string(tr.Action)), stepCode(string(tr.From)),
		stepCode(string(tr.To)), tr.Comment); err != nil {
		return err
	}
	return t.s.refreshClocks(ctx, t, r.ID)
}

// AddRecord adds a stage record with the given body.
func (t *Tx) AddRecord(ctx context.Context, requestID string, kind request.RecordKind, parentID string, body any) (request.Record, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return request.Record{}, err
	}
	actor, err := t.Actor(ctx)
	if err != nil {
		return request.Record{}, err
	}
	packed, err := packBody(string(kind), raw)
	if err != nil {
		return request.Record{}, err
	}
	id, now, idx := t.NewID(), millis(t.now), request.IndexOf(body)
	res, err := t.ExecContext(ctx, `INSERT INTO request_records (id, req, kind, parent_id, body, created_by,
		created_at, updated_at, version, owner, status, due) SELECT ?, seq, ?, ?, ?, ?, ?, ?, 1, ?, ?, ? FROM requests WHERE id = ?`,
		idKey(id), kind, idKeyArg(nullable(parentID)), packed, actor, now, now, idx.Owner, idx.Status, idx.Due, requestID)
	if err != nil {
		return request.Record{}, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err == nil {
			err = notFound("需求")
		}
		return request.Record{}, err
	}
	if err := t.s.writeDeps(ctx, t, idKey(id), kind, idx.DependsOn); err != nil {
		return request.Record{}, err
	}
	return t.s.recordByID(ctx, t, id)
}

// RewriteRecord replaces a stage record's body.
func (t *Tx) RewriteRecord(ctx context.Context, rec request.Record, body any) (request.Record, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return request.Record{}, err
	}
	packed, err := packBody(string(rec.Kind), raw)
	if err != nil {
		return request.Record{}, err
	}
	if _, err := t.ExecContext(ctx, `UPDATE request_records SET body = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
		packed, millis(t.now), idKey(rec.ID)); err != nil {
		return request.Record{}, err
	}
	if err := t.s.writeIndex(ctx, t, idKey(rec.ID), rec.Kind, body); err != nil {
		return request.Record{}, err
	}
	return t.s.recordByID(ctx, t, rec.ID)
}
