package store

import (
	"context"

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
// profile names) must do next: the groups request.WorkGroups gives them,
// the plans their department must review (request.ReviewWork) and their
// open tasks; each with its most pressing running clock, each group by what
// is due first.
func (s *Store) MyWork(ctx context.Context) ([]request.WorkItem, error) {
	w, err := s.worker(ctx)
	if err != nil {
		return nil, err
	}
	var out []request.WorkItem
	for _, g := range request.WorkGroups(w) {
		if err := s.workGroup(ctx, w.Name, g, &out); err != nil {
			return nil, err
		}
	}
	// Reviews and tasks live in the records; few requests are at those stages.
	if w.Department != "" {
		if err := s.pendingReviews(ctx, w.Department, &out); err != nil {
			return nil, err
		}
	}
	if err := s.openTasks(ctx, w.Name, &out); err != nil {
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
	zone, err := s.Zone(ctx)
	if err != nil {
		return nil, err
	}
	request.SortWork(out, zone)
	return out, nil
}

// worker loads the person acting as 我的工作's rules see them: name, roles,
// department, and the roles some active person holds.
func (s *Store) worker(ctx context.Context) (request.Worker, error) {
	var w request.Worker
	var err error
	if w.Name, err = s.actor(ctx, s.read); err != nil {
		return w, err
	}
	if w.Roles, err = s.actorRoles(ctx, s.read); err != nil {
		return w, err
	}
	_ = s.read.QueryRowContext(ctx, `SELECT department FROM people WHERE name = ?`, w.Name).Scan(&w.Department)
	held, err := queryIDs(ctx, s.read, `SELECT DISTINCT j.value FROM people p, json_each(p.roles) j WHERE p.active = 1`)
	for _, r := range held {
		w.Held = append(w.Held, request.Role(r))
	}
	return w, err
}

// workGroup adds the requests of one group of me's work, the most recently
// changed first.
func (s *Store) workGroup(ctx context.Context, me string, g request.WorkGroup, out *[]request.WorkItem) error {
	where, args := "r.status IN ("+placeholders(len(g.Statuses))+")", []any{}
	for _, st := range g.Statuses {
		args = append(args, st)
	}
	switch g.Owner {
	case request.NoOwner:
		where += " AND r.owner = ''"
	case request.OwnedByWorker:
		where, args = where+" AND r.owner = ?", append(args, me)
	case request.WorkerOrNone:
		where, args = where+" AND (r.owner = ? OR r.owner = '')", append(args, me)
	}
	detail := "''"
	if g.FollowUp {
		detail = "r.follow_up_on"
	}
	rows, err := s.read.QueryContext(ctx, `SELECT r.id, r.number, r.title, c.name, r.status, r.urgency, `+detail+`, r.updated_at
		FROM requests r JOIN customers c ON c.id = r.customer_id WHERE `+where+` ORDER BY r.updated_at DESC LIMIT 200`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		w := request.WorkItem{Kind: g.Kind}
		var updated string
		if err := rows.Scan(&w.RequestID, &w.Number, &w.Title, &w.Customer, &w.Status, &w.Urgency, &w.Detail, &updated); err != nil {
			return err
		}
		w.UpdatedAt = parseTS(updated)
		*out = append(*out, w)
	}
	return rows.Err()
}

func (s *Store) pendingReviews(ctx context.Context, dept string, out *[]request.WorkItem) error {
	ids, err := queryIDs(ctx, s.read, `SELECT r.id FROM requests r WHERE r.status = ?`, request.StatusPlanReview)
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
		if w, ok := request.ReviewWork(r, recs, dept); ok {
			*out = append(*out, w)
		}
	}
	return nil
}

// openTasksSQL reads a person's open tasks of requests in the nOpen
// statuses: the index of records with an owner finds them (0027), which
// the planner takes only when the query says the owner is not empty.
func openTasksSQL(nOpen int) string {
	return `SELECT r.id, r.number, r.title, c.name, r.status, r.urgency, ` + uuidText("k.id") + `, k.body, k.updated_at
		FROM request_records k JOIN requests r ON r.seq = k.req JOIN customers c ON c.id = r.customer_id
		WHERE k.owner = ? AND k.owner <> '' AND k.status NOT IN (` + placeholders(len(request.ClosedTaskStatuses)) + `) AND k.kind = 'task'
		  AND r.status IN (` + placeholders(nOpen) + `)
		ORDER BY k.due, k.created_at LIMIT 500`
}

func (s *Store) openTasks(ctx context.Context, me string, out *[]request.WorkItem) error {
	// Open as request.OpenTask and request.OpenStatuses have it.
	open := request.OpenStatuses()
	args := append([]any{me}, anySlice(request.ClosedTaskStatuses)...)
	for _, st := range open {
		args = append(args, st)
	}
	rows, err := s.read.QueryContext(ctx, openTasksSQL(len(open)), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		w := request.WorkItem{Kind: "task"}
		rec := request.Record{Kind: request.KindTask}
		var body []byte
		var updated any // Unix milliseconds (0028)
		if err := rows.Scan(&w.RequestID, &w.Number, &w.Title, &w.Customer, &w.Status, &w.Urgency, &rec.ID, &body, &updated); err != nil {
			return err
		}
		rec.Body = recordBody(body)
		t, err := request.BodyOf[request.Task](rec)
		if err != nil {
			return err
		}
		w.Detail, w.Due, w.UpdatedAt = t.Title, t.Due, storedTime(updated)
		*out = append(*out, w)
	}
	return rows.Err()
}
