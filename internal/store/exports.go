package store

import (
	"context"
	"database/sql"
	"iter"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// exportOrder is the ORDER BY of an export: the list's sort, then seq, so
// an export shows the rows in the order the list does.
func exportOrder(q request.Query) string {
	order, ok := sortColumns[q.Sort]
	if !ok {
		order = sortColumns[request.SortReceivedAt]
	}
	dir := " ASC"
	if q.Desc {
		dir = " DESC"
	}
	return order + dir + ", r.seq" + dir
}

// CountRequests counts the requests q's filters select (its page is
// ignored), exactly: for an export's progress, and the list's total when
// a page gave only a lower bound (request.Page.TotalExact).
func (s *Store) CountRequests(ctx context.Context, q request.Query) (int, error) {
	return s.countRequests(ctx, q)
}

// CountFeedback counts the requests q selects that have feedback.
func (s *Store) CountFeedback(ctx context.Context, q request.Query) (int, error) {
	where, args, err := s.requestFilter(ctx, q)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.read.QueryRowContext(ctx, `SELECT count(*) FROM requests r WHERE `+where+` AND EXISTS
		(SELECT 1 FROM request_records x WHERE x.req = r.seq AND x.kind = 'feedback')`, args...).Scan(&n)
	return n, err
}

// each runs one query and yields every row through scan, reading them as
// they come: an export of any size holds one row at a time.
func each[T any](ctx context.Context, db *sql.DB, query string, args []any, scan func(*sql.Rows) (T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		rows, err := db.QueryContext(ctx, query, args...)
		if err != nil {
			yield(zero, err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scan(rows)
			if err != nil {
				yield(zero, err)
				return
			}
			if !yield(v, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(zero, err)
		}
	}
}

// failed is an iterator that yields only err.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// Registrations yields every request q's filters select (no page, no cap),
// in q's order, for the registration table.
func (s *Store) Registrations(ctx context.Context, q request.Query) iter.Seq2[request.Request, error] {
	where, args, err := s.requestFilter(ctx, q)
	if err != nil {
		return failed[request.Request](err)
	}
	return each(ctx, s.read, `SELECT `+requestColumns+` FROM requests r JOIN customers c ON c.id = r.customer_id
		WHERE `+where+` ORDER BY `+exportOrder(q), args, func(rows *sql.Rows) (request.Request, error) {
		r, _, err := scanRequest(rows)
		return r, err
	})
}

// Tracking yields the progress tracking table's rows of the requests q
// selects: who owns each, when it was received and assigned, its stage, when
// its resolve clock runs out, how far along it is and when it last changed.
func (s *Store) Tracking(ctx context.Context, q request.Query) iter.Seq2[request.TrackingRow, error] {
	where, args, err := s.requestFilter(ctx, q)
	if err != nil {
		return failed[request.TrackingRow](err)
	}
	return each(ctx, s.read, `SELECT r.number, r.title, c.name, r.urgency, r.owner, r.department, r.received_at,
		(SELECT min(t.at) FROM request_transitions t WHERE t.req = r.seq AND t.action = '`+stepCode(string(request.ActAssign))+`'),
		r.status, r.held_from, k.due_at,
		coalesce((SELECT avg(CASE WHEN x.status = 'done' THEN 100
			ELSE coalesce(record_field(x.body, 'percent'), 0) END)
			FROM request_records x WHERE x.req = r.seq AND x.kind = 'task' AND x.status <> 'cancelled'), -1),
		r.updated_at, (SELECT max(x.updated_at) FROM request_records x WHERE x.req = r.seq)
		FROM requests r JOIN customers c ON c.id = r.customer_id
		LEFT JOIN request_clocks k ON k.req = r.seq AND k.kind = '`+kindCode(sla.KindResolve)+`'
		WHERE `+where+` ORDER BY `+exportOrder(q), args, func(rows *sql.Rows) (request.TrackingRow, error) {
		var t request.TrackingRow
		var received, updated string
		var assigned, recorded any // Unix milliseconds (millis), or NULL
		var due sql.NullInt64
		var held request.Status
		var tasks float64
		err := rows.Scan(&t.Number, &t.Title, &t.CustomerName, &t.Urgency, &t.Owner, &t.Department, &received,
			&assigned, &t.Status, &held, &due, &tasks, &updated, &recorded)
		t.ReceivedAt, t.AssignedAt, t.Due = parseTS(received), storedTime(assigned), clockTime(due)
		// When it last changed: the request, or one of its records.
		t.LastUpdate = parseTS(updated)
		if at := storedTime(recorded); at.After(t.LastUpdate) {
			t.LastUpdate = at
		}
		t.Percent = request.Percent(t.Status, held, tasks)
		return t, err
	})
}

// Feedback yields, for each request q selects that has satisfaction
// feedback, its latest feedback record.
func (s *Store) Feedback(ctx context.Context, q request.Query) iter.Seq2[request.FeedbackRow, error] {
	where, args, err := s.requestFilter(ctx, q)
	if err != nil {
		return failed[request.FeedbackRow](err)
	}
	return each(ctx, s.read, `SELECT r.number, r.title, c.name, r.owner, r.status, `+uuidText("f.id")+`, f.body, f.created_at, f.created_by
		FROM requests r JOIN customers c ON c.id = r.customer_id
		JOIN request_records f ON f.id = (SELECT x.id FROM request_records x
			WHERE x.req = r.seq AND x.kind = 'feedback' ORDER BY x.created_at DESC, x.id DESC LIMIT 1)
		WHERE `+where+` ORDER BY `+exportOrder(q), args, func(rows *sql.Rows) (request.FeedbackRow, error) {
		var fr request.FeedbackRow
		rec := request.Record{Kind: request.KindFeedback}
		var body []byte
		var at any // Unix milliseconds (0028)
		if err := rows.Scan(&fr.Number, &fr.Title, &fr.CustomerName, &fr.Owner, &fr.Status, &rec.ID, &body, &at, &fr.RecordedBy); err != nil {
			return fr, err
		}
		fr.RecordedAt, rec.Body = storedTime(at), recordBody(body)
		fb, err := request.BodyOf[request.Feedback](rec)
		fr.Feedback = fb
		return fr, err
	})
}
