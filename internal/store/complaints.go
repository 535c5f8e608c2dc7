package store

import (
	"context"
	"database/sql"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// ComplaintRow is one complaint (办法 003) for the complaints list: the
// record with its decoded body, the request it is about, and the running
// clock of the request's complaint (taken up, answered), if any.
type ComplaintRow struct {
	Record    request.Record      `json:"record"`
	Complaint request.Complaint   `json:"complaint"`
	RequestID string              `json:"requestId"`
	Number    string              `json:"number"`
	Title     string              `json:"title"`
	Customer  string              `json:"customer"`
	Clock     *request.ClockBadge `json:"clock"`
}

// ComplaintFilter narrows the complaints list: a status
// (request.ComplaintRegistered …), "open" for every one not closed, or ""
// for all.
type ComplaintFilter struct {
	Status string `json:"status"`
}

// maxComplaintRows bounds the list; complaints are few.
const maxComplaintRows = 1000

// Complaints lists the complaints, the latest registered first (at most
// maxComplaintRows), read by the partial index of migration 0016.
func (s *Store) Complaints(ctx context.Context, f ComplaintFilter) ([]ComplaintRow, error) {
	lim, err := s.limits(ctx, s.read)
	if err != nil {
		return nil, err
	}
	where, args := "k.kind = 'complaint'", []any{}
	switch f.Status {
	case "":
	case "open":
		where += " AND k.status != 'closed'"
	default:
		where, args = where+" AND k.status = ?", append(args, f.Status)
	}
	out := []ComplaintRow{}
	byRequest := map[string][]int{}
	err = eachRow(ctx, s.read, `SELECT `+uuidText("k.id")+`, r.id, k.kind, coalesce(`+uuidText("k.parent_id")+`, ''), k.body, k.created_by,
		k.created_at, k.updated_at, k.version, r.number, r.title, c.name
		FROM request_records k JOIN requests r ON r.seq = k.req JOIN customers c ON c.id = r.customer_id
		WHERE `+where+` ORDER BY k.created_at DESC, k.id LIMIT ?`, append(args, maxComplaintRows), func(sc *sql.Rows) error {
		var row ComplaintRow
		var body []byte
		var created, updated any // Unix milliseconds (0028)
		if err := sc.Scan(&row.Record.ID, &row.Record.RequestID, &row.Record.Kind, &row.Record.ParentID, &body,
			&row.Record.CreatedBy, &created, &updated, &row.Record.Version, &row.Number, &row.Title, &row.Customer); err != nil {
			return err
		}
		row.Record.Body = recordBody(body)
		row.Record.CreatedAt, row.Record.UpdatedAt = storedTime(created), storedTime(updated)
		cpl, err := request.BodyOf[request.Complaint](row.Record)
		if err != nil {
			return err
		}
		row.Complaint, row.RequestID = cpl, row.Record.RequestID
		byRequest[row.RequestID] = append(byRequest[row.RequestID], len(out))
		out = append(out, row)
		return nil
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	ids := make([]any, 0, len(byRequest))
	for id := range byRequest {
		ids = append(ids, id)
	}
	clocks, err := s.runningClocks(ctx, s.read, requestsFirst, `k.kind IN `+
		kindCodeSQL(sla.KindComplaintAccept, sla.KindComplaintAnswer)+` AND r.id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	for _, c := range clocks {
		st, rem := lim.cal.Standing(c, now, lim.dueSoon)
		for _, i := range byRequest[c.RequestID] {
			// The request's complaint clocks measure one complaint (its
			// oldest not answered): the one they started with.
			cpl := out[i].Complaint
			if (c.Kind == sla.KindComplaintAccept && c.Start.Equal(cpl.ReceivedAt.Truncate(1e6))) ||
				(c.Kind == sla.KindComplaintAnswer && c.Start.Equal(cpl.AcceptedAt.Truncate(1e6))) {
				out[i].Clock = &request.ClockBadge{Kind: string(c.Kind), State: st, Due: c.Due, Remaining: rem}
			}
		}
	}
	return out, nil
}
