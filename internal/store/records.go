package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/request"
)

const recordColumns = `id, request_id, kind, coalesce(parent_id, ''), body, created_by, created_at, updated_at, version`

func scanRecord(sc interface{ Scan(...any) error }) (request.Record, error) {
	var r request.Record
	var body, created, updated string
	err := sc.Scan(&r.ID, &r.RequestID, &r.Kind, &r.ParentID, &body, &r.CreatedBy, &created, &updated, &r.Version)
	r.Body = json.RawMessage(body)
	r.CreatedAt, r.UpdatedAt = parseTS(created), parseTS(updated)
	return r, err
}

func (s *Store) records(ctx context.Context, q queryer, requestID string) ([]request.Record, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+recordColumns+` FROM request_records WHERE request_id = ?
		ORDER BY created_at, id`, requestID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []request.Record{}
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *Store) recordByID(ctx context.Context, q queryer, id string) (request.Record, error) {
	r, err := scanRecord(q.QueryRowContext(ctx, `SELECT `+recordColumns+` FROM request_records WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return r, notFound("record")
	}
	return r, err
}

// writable refuses changes to a closed request's records: archived,
// rejected and cancelled requests are read-only.
func writable(r request.Request) error {
	if r.Status.Closed() {
		return apperr.New(apperr.Forbidden, "records_read_only", apperr.P{"status": r.Status.Term()})
	}
	return nil
}

// SaveRecord adds a stage record to a request (in.ID empty) or replaces one's
// body (in.ID and the version read).
func (s *Store) SaveRecord(ctx context.Context, in request.RecordInput) (request.Record, error) {
	var out request.Record
	err := s.tx(ctx, func(tx *Tx) error {
		req, _, err := s.request(ctx, tx, in.RequestID)
		if err != nil {
			return err
		}
		if err := writable(req); err != nil {
			return err
		}
		staff, err := s.staff(ctx, tx)
		if err != nil {
			return err
		}
		actor, err := s.actor(ctx, tx)
		if err != nil {
			return err
		}
		zone, err := tx.Zone(ctx)
		if err != nil {
			return err
		}
		body, raw, err := request.DecodeBody(in.Kind, in.Body, request.RecordCheck{
			Span: request.EnteredSpan(req.Fields.ReceivedAt, tx.Now()).In(zone), Staff: staff, Actor: actor})
		if err != nil {
			return err
		}
		siblings, err := s.records(ctx, tx, in.RequestID)
		if err != nil {
			return err
		}
		var before *request.Record
		if in.ID != "" {
			b, err := s.recordByID(ctx, tx, in.ID)
			if err != nil {
				return err
			}
			if b.RequestID != in.RequestID || b.Kind != in.Kind {
				return notFound("record")
			}
			if b.Version != in.Version {
				return stale("record")
			}
			before = &b
			in.ParentID = b.ParentID // a record never moves to another parent
		}
		if in.Kind == request.KindPlan && before != nil &&
			(req.Status == request.StatusPlanReview || req.Status == request.StatusPlanApproval) {
			return apperr.New(apperr.Forbidden, "plan_locked", apperr.P{"status": req.Status.Term()})
		}
		if raw, err = s.checkRecord(in, before, body, siblings); err != nil {
			return err
		}
		now := s.ts(tx.Now())
		id := in.ID
		if before == nil {
			id = tx.NewID()
			_, err = tx.ExecContext(ctx, `INSERT INTO request_records (id, request_id, kind, parent_id, body, created_by,
				created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`,
				id, in.RequestID, in.Kind, nullable(in.ParentID), string(raw), actor, now, now)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE request_records SET body = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND version = ?`, string(raw), now, id, in.Version)
		}
		if err != nil {
			return err
		}
		if out, err = s.recordByID(ctx, tx, id); err != nil {
			return err
		}
		action := audit.ActionCreate
		var b any
		if before != nil {
			action, b = audit.ActionUpdate, before
		}
		if err := s.refreshClocks(ctx, tx, in.RequestID); err != nil {
			return err
		}
		return s.record(ctx, tx, audit.EntityRecord, in.RequestID, action, b, out)
	})
	return out, err
}

// checkRecord applies the rules that involve a record's siblings: parents,
// singletons, plan versions and dependencies. It returns the body to store.
func (s *Store) checkRecord(in request.RecordInput, before *request.Record, body any, siblings []request.Record) (json.RawMessage, error) {
	byID := map[string]request.Record{}
	for _, r := range siblings {
		byID[r.ID] = r
	}
	if pk := in.Kind.ParentKind(); pk != "" {
		if in.ParentID == "" && in.Kind == request.KindReview {
			return nil, fieldErr("parentId", "required", "请选择所评审的方案版本")
		}
		if p, ok := byID[in.ParentID]; in.ParentID != "" && (!ok || p.Kind != pk) {
			return nil, fieldErr("parentId", "not_found", "上级记录不存在")
		}
	} else if in.ParentID != "" {
		return nil, fieldErr("parentId", "not_allowed", "此类记录没有上级")
	}
	if before == nil && in.Kind.Singleton() {
		for _, r := range siblings {
			if r.Kind == in.Kind {
				return nil, apperr.New(apperr.Conflict, "record_exists", nil)
			}
		}
	}
	switch b := body.(type) {
	case *request.Plan:
		// Version, supersession and approval belong to the process, not the form.
		if before == nil {
			if _, _, ok := request.CurrentPlan(siblings); ok {
				return nil, apperr.New(apperr.Conflict, "plan_version_exists", nil)
			}
			b.VersionNo, b.Superseded, b.ApprovedBy, b.ApprovedAt = 1, false, "", ""
		} else {
			var old request.Plan
			_ = json.Unmarshal(before.Body, &old)
			if old.Superseded {
				return nil, apperr.New(apperr.Forbidden, "plan_superseded", apperr.P{"version": old.VersionNo})
			}
			if old.ApprovedBy != "" {
				// After approval only the customer's signature may be recorded.
				signedBy, signedOn := b.SignedBy, b.SignedOn
				*b = old
				b.SignedBy, b.SignedOn = signedBy, signedOn
			}
			b.VersionNo, b.Superseded, b.ApprovedBy, b.ApprovedAt = old.VersionNo, old.Superseded, old.ApprovedBy, old.ApprovedAt
		}
	case *request.SubRequirement:
		if err := checkDependencies(in, b.DependsOn, b.Status == "done", siblings, func(r request.Record) bool {
			var o request.SubRequirement
			return json.Unmarshal(r.Body, &o) == nil && o.Status == "done"
		}); err != nil {
			return nil, err
		}
	case *request.Task:
		if err := checkDependencies(in, b.DependsOn, b.Status == "done", siblings, func(r request.Record) bool {
			var o request.Task
			return json.Unmarshal(r.Body, &o) == nil && (o.Status == "done" || o.Status == "cancelled")
		}); err != nil {
			return nil, err
		}
	}
	return json.Marshal(body)
}

// checkDependencies checks that a record depends only on siblings of its kind
// (and parent), that the dependencies make no cycle, and that it is not done
// before what it depends on.
func checkDependencies(in request.RecordInput, deps []string, done bool, siblings []request.Record, isDone func(request.Record) bool) error {
	byID := map[string]request.Record{}
	edges := map[string][]string{}
	for _, r := range siblings {
		if r.Kind != in.Kind || r.ParentID != in.ParentID {
			continue
		}
		byID[r.ID] = r
		var d struct {
			DependsOn []string `json:"dependsOn"`
		}
		_ = json.Unmarshal(r.Body, &d)
		edges[r.ID] = d.DependsOn
	}
	self := in.ID
	if self == "" {
		self = "(new)"
	}
	edges[self] = deps
	var waiting []string
	for _, d := range deps {
		dep, ok := byID[d]
		if !ok || d == in.ID {
			return fieldErr("dependsOn", "not_found", "依赖的事项须是同一层级的其他事项")
		}
		if !isDone(dep) {
			var t struct {
				Title string `json:"title"`
			}
			_ = json.Unmarshal(dep.Body, &t)
			waiting = append(waiting, t.Title)
		}
	}
	// A cycle through self exists if self is reachable from one of its deps.
	seen := map[string]bool{}
	var reach func(string) bool
	reach = func(n string) bool {
		if n == self {
			return true
		}
		if seen[n] {
			return false
		}
		seen[n] = true
		for _, m := range edges[n] {
			if reach(m) {
				return true
			}
		}
		return false
	}
	for _, d := range deps {
		if reach(d) {
			return fieldErr("dependsOn", "cycle", "依赖关系形成了循环")
		}
	}
	if done && len(waiting) > 0 {
		return &apperr.Error{Code: apperr.Invalid, Message: "所依赖的事项尚未完成：" + strings.Join(waiting, "、"),
			Key: "dependencies_open", Params: apperr.P{"items": waiting},
			Fields: []apperr.FieldError{{Field: "status", Key: "dependencies_open"}}}
	}
	return nil
}

func fieldErr(field, key, msg string) error {
	return &apperr.Error{Code: apperr.Invalid, Message: msg, Fields: []apperr.FieldError{{Field: field, Key: key}}}
}

// DeleteRecord removes a stage record that nothing else refers to.
func (s *Store) DeleteRecord(ctx context.Context, id string, version int64) error {
	return s.tx(ctx, func(tx *Tx) error {
		rec, err := s.recordByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if rec.Version != version {
			return stale("record")
		}
		req, _, err := s.request(ctx, tx, rec.RequestID)
		if err != nil {
			return err
		}
		if err := writable(req); err != nil {
			return err
		}
		if rec.Kind == request.KindPlan {
			return apperr.New(apperr.Forbidden, "plan_versions_kept", nil)
		}
		siblings, err := s.records(ctx, tx, rec.RequestID)
		if err != nil {
			return err
		}
		for _, o := range siblings {
			var d struct {
				DependsOn []string `json:"dependsOn"`
			}
			_ = json.Unmarshal(o.Body, &d)
			for _, dep := range d.DependsOn {
				if dep == id {
					return apperr.New(apperr.Conflict, "record_has_dependents", nil)
				}
			}
			if o.ParentID == id {
				return apperr.New(apperr.Conflict, "record_has_children", nil)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM request_records WHERE id = ? AND version = ?`, id, version); err != nil {
			return err
		}
		if err := s.refreshClocks(ctx, tx, rec.RequestID); err != nil {
			return err
		}
		return s.record(ctx, tx, audit.EntityRecord, rec.RequestID, audit.ActionDelete, rec, nil)
	})
}
