package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
)

// Board returns the open stages in process order, each with up to perColumn
// requests matching q (whose statuses, sort and paging are ignored).
func (s *Store) Board(ctx context.Context, q request.Query, perColumn int) ([]request.Column, error) {
	var out []request.Column
	for _, st := range request.OpenStatuses() {
		cq := q
		cq.Statuses, cq.Sort, cq.Desc, cq.Offset, cq.Limit = []request.Status{st}, request.SortUpdatedAt, true, 0, clampLimit(perColumn, 30)
		page, err := s.ListRequests(ctx, cq)
		if err != nil {
			return nil, err
		}
		out = append(out, request.Column{Status: st, Total: page.Total, Items: page.Items})
	}
	return out, nil
}

// MyWork lists what the person acting (the logged-in user, else the one the
// profile names) must do next, as request.WorkKinds says: requests to
// triage and to assign (supervisors), plans to approve (general manager),
// plans their department must review, their open requests and tasks, and
// their requests on hold; each with its most pressing running clock, each
// group by what is due first.
func (s *Store) MyWork(ctx context.Context) ([]request.WorkItem, error) {
	me, err := s.actor(ctx, s.read)
	if err != nil {
		return nil, err
	}
	roles, err := s.actorRoles(ctx, s.read)
	if err != nil {
		return nil, err
	}
	var dept string
	_ = s.read.QueryRowContext(ctx, `SELECT department FROM people WHERE name = ?`, me).Scan(&dept)
	// A role nobody holds is the desk's: its work must reach someone.
	has := func(r request.Role) (bool, error) {
		for _, x := range roles {
			if x == r {
				return true, nil
			}
		}
		var held int
		err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM people p, json_each(p.roles) j
			WHERE p.active = 1 AND j.value = ?`, string(r)).Scan(&held)
		return held == 0, err
	}
	supervisor, err := has(request.RoleSupervisor)
	if err != nil {
		return nil, err
	}
	manager, err := has(request.RoleGeneralManager)
	if err != nil {
		return nil, err
	}
	const open = `r.status NOT IN ('archived', 'rejected', 'cancelled')`
	var out []request.WorkItem
	add := func(kind, where, detailCol string, args ...any) error {
		rows, err := s.read.QueryContext(ctx, `SELECT r.id, r.number, r.title, c.name, r.status, r.urgency, `+detailCol+`, r.updated_at
			FROM requests r JOIN customers c ON c.id = r.customer_id WHERE `+where+` ORDER BY r.updated_at DESC LIMIT 200`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			w := request.WorkItem{Kind: kind}
			var updated string
			if err := rows.Scan(&w.RequestID, &w.Number, &w.Title, &w.Customer, &w.Status, &w.Urgency, &w.Detail, &updated); err != nil {
				return err
			}
			w.UpdatedAt = parseTS(updated)
			out = append(out, w)
		}
		return rows.Err()
	}
	if supervisor {
		if err := add("triage", "r.status = 'registered'", "''"); err != nil {
			return nil, err
		}
		if err := add("assign", "r.owner = '' AND r.status NOT IN ('registered', 'on_hold') AND "+open, "''"); err != nil {
			return nil, err
		}
	}
	if manager {
		if err := add("approve", "r.status = 'plan_approval'", "''"); err != nil {
			return nil, err
		}
	}
	if err := add("own", "r.owner = ? AND r.status <> 'on_hold' AND "+open, "''", me); err != nil {
		return nil, err
	}
	if err := add("follow_up", "r.status = 'on_hold' AND (r.owner = ? OR (r.owner = '' AND ?))",
		"r.follow_up_on", me, supervisor); err != nil {
		return nil, err
	}
	// Reviews and tasks live in the records; few requests are at those stages.
	if dept != "" {
		if err := s.pendingReviews(ctx, dept, &out); err != nil {
			return nil, err
		}
	}
	if err := s.openTasks(ctx, me, &out); err != nil {
		return nil, err
	}
	ids := make([]string, len(out))
	for i, w := range out {
		ids[i] = w.RequestID
	}
	badges, err := s.pressing(ctx, uniqueIDs(ids))
	if err != nil {
		return nil, err
	}
	for i := range out {
		if b, ok := badges[out[i].RequestID]; ok {
			out[i].Clock = &b
		}
	}
	request.SortWork(out, time.Local)
	return out, nil
}

func (s *Store) pendingReviews(ctx context.Context, dept string, out *[]request.WorkItem) error {
	ids, err := queryIDs(ctx, s.read, `SELECT r.id FROM requests r WHERE r.status = 'plan_review'`)
	if err != nil {
		return err
	}
	for _, id := range ids {
		r, _, err := s.request(ctx, s.read, id)
		if err != nil {
			return err
		}
		recs, err := s.records(ctx, s.read, id)
		if err != nil {
			return err
		}
		for _, d := range request.Summarize(r, recs, nil).PendingReviews {
			if d == dept {
				*out = append(*out, request.WorkItem{Kind: "review", RequestID: r.ID, Number: r.Number, Title: r.Fields.Title,
					Customer: r.CustomerName, Status: r.Status, Urgency: r.Fields.Urgency, Detail: d, UpdatedAt: r.UpdatedAt})
			}
		}
	}
	return nil
}

func (s *Store) openTasks(ctx context.Context, me string, out *[]request.WorkItem) error {
	rows, err := s.read.QueryContext(ctx, `SELECT r.id, r.number, r.title, c.name, r.status, r.urgency, k.body, k.updated_at
		FROM request_records k JOIN requests r ON r.id = k.request_id JOIN customers c ON c.id = r.customer_id
		WHERE k.kind = 'task' AND json_extract(k.body, '$.owner') = ?
		  AND json_extract(k.body, '$.status') IN ('todo', 'doing')
		  AND r.status NOT IN ('archived', 'rejected', 'cancelled')
		ORDER BY json_extract(k.body, '$.due'), k.created_at LIMIT 500`, me)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		w := request.WorkItem{Kind: "task"}
		var body, updated string
		if err := rows.Scan(&w.RequestID, &w.Number, &w.Title, &w.Customer, &w.Status, &w.Urgency, &body, &updated); err != nil {
			return err
		}
		var t request.Task
		if err := json.Unmarshal([]byte(body), &t); err != nil {
			return err
		}
		w.Detail, w.Due, w.UpdatedAt = t.Title, t.Due, parseTS(updated)
		*out = append(*out, w)
	}
	return rows.Err()
}
