package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/request"
)

func (s *Store) transitions(ctx context.Context, q queryer, requestID string) ([]request.Transition, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, at, actor, action, from_status, to_status, comment
		FROM request_transitions WHERE request_id = ? ORDER BY seq`, requestID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []request.Transition{}
	for rows.Next() {
		var t request.Transition
		var at string
		if err := rows.Scan(&t.ID, &at, &t.Actor, &t.Action, &t.From, &t.To, &t.Comment); err != nil {
			return nil, err
		}
		t.At = parseTS(at)
		out = append(out, t)
	}
	return out, rows.Err()
}

// actorRoles returns the roles of the person acting: a logged-in user's
// account roles, else those of the person the actor names (see actor).
func (s *Store) actorRoles(ctx context.Context, q queryer) ([]request.Role, error) {
	if u, ok := auth.UserFrom(ctx); ok {
		return u.Roles, nil
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

// MoveRequest takes a step of the lifecycle. The state machine in
// internal/request decides whether the step is allowed from the request's
// status and records; this applies it, logs the transition and audits it.
func (s *Store) MoveRequest(ctx context.Context, id string, version int64, m request.Move) (request.Request, error) {
	var out request.Request
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = s.move(ctx, tx, id, version, m)
		return err
	})
	return out, err
}

// move takes a step of the lifecycle inside tx (see MoveRequest).
func (s *Store) move(ctx context.Context, tx *sql.Tx, id string, version int64, m request.Move) (request.Request, error) {
	var out request.Request
	err := func() error {
		before, _, err := s.request(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return stale("request")
		}
		recs, err := s.records(ctx, tx, id)
		if err != nil {
			return err
		}
		f := request.Summarize(before, recs, nil)
		if err := s.acting(ctx, tx, &f); err != nil {
			return err
		}
		staff, err := s.staff(ctx, tx)
		if err != nil {
			return err
		}
		if err := m.Check(request.EnteredSpan(before.Fields.ReceivedAt, s.clock.Now()), staff, before.Fields.Owner); err != nil {
			return err
		}
		// What the move itself brings counts for its guard.
		if m.Department != "" {
			f.Department = m.Department
		}
		if m.Path != "" {
			f.Path = m.Path
		}
		to, err := request.Next(f, m)
		if err != nil {
			return err
		}
		r := before
		if err := s.applyMove(ctx, tx, &r, m, recs); err != nil {
			return err
		}
		r.Status = to
		now := s.clock.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET status = ?, path = ?, green_channel = ?, held_from = ?,
			follow_up_on = ?, status_reason = ?, duplicate_of = ?, reopen_count = ?, owner = ?, department = ?,
			updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
			r.Status, r.State.Path, r.State.GreenChannel, r.State.HeldFrom, r.State.FollowUpOn, r.State.StatusReason,
			nullable(r.State.DuplicateOf), r.State.ReopenCount, r.Fields.Owner, r.Fields.Department,
			s.ts(now), id, version); err != nil {
			return err
		}
		actor, err := s.actor(ctx, tx)
		if err != nil {
			return err
		}
		comment := m.Comment
		if m.Reason != "" {
			comment = joinNonEmpty(m.Reason, m.Comment)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO request_transitions (id, request_id, at, actor, action, from_status,
			to_status, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			newID(), id, s.ts(now), actor, m.Action, before.Status, to, comment); err != nil {
			return err
		}
		if err := s.refreshClocks(ctx, tx, id); err != nil {
			return err
		}
		if out, _, err = s.request(ctx, tx, id); err != nil {
			return err
		}
		// The audit entry carries the step and its comment besides the
		// fields it changed.
		return s.record(ctx, tx, entityRequest, id, audit.ActionUpdate, before, movedRequest{out, m.Action, comment})
	}()
	return out, err
}

// applyMove makes the changes a step brings besides the status.
func (s *Store) applyMove(ctx context.Context, tx *sql.Tx, r *request.Request, m request.Move, recs []request.Record) error {
	st := &r.State
	switch m.Action {
	case request.ActTriage:
		if m.Path != "" {
			if m.Path != request.PathFull && m.Path != request.PathShort {
				return fieldErr("path", "not_in_list", "流程只能是完整流程或简易流程")
			}
			st.Path = m.Path
		}
		if m.Department != "" {
			lists, err := s.vocabularies(ctx, tx)
			if err != nil {
				return err
			}
			if found, active := lists.Lookup("department", m.Department); !found || !active {
				return fieldErr("department", "not_in_list", "部门不在列表中")
			}
			r.Fields.Department = m.Department
		}
		st.GreenChannel = m.GreenChannel && r.Fields.Urgency == request.UrgencyUrgent
	case request.ActAssign:
		if m.Owner != "" {
			r.Fields.Owner = m.Owner
		}
	case request.ActHold:
		st.HeldFrom = r.Status // still the status before the move
		st.FollowUpOn = m.FollowUp.In(time.Local).Format("2006-01-02")
		st.StatusReason = m.Reason
	case request.ActResume:
		st.HeldFrom, st.FollowUpOn, st.StatusReason = "", "", ""
	case request.ActReject:
		if m.DuplicateOf != "" {
			var origID string
			err := tx.QueryRowContext(ctx, `SELECT id FROM requests WHERE (id = ? OR number = ?) AND id <> ?`,
				m.DuplicateOf, m.DuplicateOf, r.ID).Scan(&origID)
			if err == sql.ErrNoRows {
				return fieldErr("duplicateOf", "not_found", "找不到所重复的原需求")
			}
			if err != nil {
				return err
			}
			st.DuplicateOf = origID
		}
		st.StatusReason = m.Reason
	case request.ActCancel:
		st.StatusReason = m.Reason
	case request.ActReopen:
		st.ReopenCount++
	case request.ActSwitchToFullPath:
		st.Path = request.PathFull
	case request.ActApprove:
		return s.approvePlan(ctx, tx, recs)
	case request.ActRevisePlan, request.ActDecline, request.ActPlanChanges:
		return s.newPlanVersion(ctx, tx, r.ID, recs)
	}
	return nil
}

// approvePlan records the approver on the current plan version.
func (s *Store) approvePlan(ctx context.Context, tx *sql.Tx, recs []request.Record) error {
	rec, p, ok := request.CurrentPlan(recs)
	if !ok {
		return apperr.New(apperr.InvalidTransition, "plan_none_to_approve", nil)
	}
	actor, err := s.actor(ctx, tx)
	if err != nil {
		return err
	}
	p.ApprovedBy, p.ApprovedAt = actor, s.ts(s.clock.Now())
	return s.rewritePlan(ctx, tx, rec, p)
}

// newPlanVersion supersedes the current plan with a copy that carries the
// next version number, cleared of approval and signature, for revising.
func (s *Store) newPlanVersion(ctx context.Context, tx *sql.Tx, requestID string, recs []request.Record) error {
	rec, p, ok := request.CurrentPlan(recs)
	if !ok {
		return nil
	}
	old := p
	old.Superseded = true
	if err := s.rewritePlan(ctx, tx, rec, old); err != nil {
		return err
	}
	p.VersionNo++
	p.ApprovedBy, p.ApprovedAt, p.SignedBy, p.SignedOn = "", "", "", ""
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	actor, err := s.actor(ctx, tx)
	if err != nil {
		return err
	}
	now := s.ts(s.clock.Now())
	id := newID()
	if _, err := tx.ExecContext(ctx, `INSERT INTO request_records (id, request_id, kind, body, created_by, created_at,
		updated_at, version) VALUES (?, ?, 'plan', ?, ?, ?, ?, 1)`, id, requestID, string(body), actor, now, now); err != nil {
		return err
	}
	created, err := s.recordByID(ctx, tx, id)
	if err != nil {
		return err
	}
	return s.record(ctx, tx, entityRecord, requestID, audit.ActionCreate, nil, created)
}

func (s *Store) rewritePlan(ctx context.Context, tx *sql.Tx, rec request.Record, p request.Plan) error {
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE request_records SET body = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
		string(body), s.ts(s.clock.Now()), rec.ID); err != nil {
		return err
	}
	after, err := s.recordByID(ctx, tx, rec.ID)
	if err != nil {
		return err
	}
	return s.record(ctx, tx, entityRecord, rec.RequestID, audit.ActionUpdate, rec, after)
}

func joinNonEmpty(parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += "；"
		}
		out += p
	}
	return out
}

// movedRequest is a request as the audit log records it after a step.
type movedRequest struct {
	request.Request
	MoveAction  request.Action `json:"moveAction"`
	MoveComment string         `json:"moveComment,omitempty"`
}
