package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
)

// ValueDue is a high-value need in a quarter's value assessment (plan
// 004): the request, its scores, and the quarter's assessment when one was
// made (nil while it is due), with how many quarters were assessed so far.
type ValueDue struct {
	RequestID     string                   `json:"requestId"`
	Number        string                   `json:"number"`
	Title         string                   `json:"title"`
	Customer      string                   `json:"customer"`
	Status        request.Status           `json:"status"`
	ReceivedAt    time.Time                `json:"receivedAt"`
	CustomerValue int                      `json:"customerValue"`
	BusinessValue int                      `json:"businessValue"`
	Assessment    *request.ValueAssessment `json:"assessment"`
	Assessed      int                      `json:"assessed"`
}

// ValueDues lists the high-value needs (request.Analysis.HighValue) to
// assess in quarter ("2026Q4"): those received by its end and not judged
// invalid or cancelled, each with that quarter's assessment if made; the
// ones still due first, then by receipt.
func (s *Store) ValueDues(ctx context.Context, quarter string, end time.Time) ([]ValueDue, error) {
	var out []ValueDue
	index := map[string]int{}
	err := eachRow(ctx, s.read, `SELECT q.id, q.number, q.title, c.name, q.status, q.received_at, r.body
		FROM request_records r JOIN requests q ON q.seq = r.req JOIN customers c ON c.id = q.customer_id
		WHERE r.kind = ? AND q.status NOT IN ('rejected', 'cancelled') AND q.received_at < ?
		ORDER BY q.received_at, q.id`, []any{request.KindAnalysis, s.ts(end)}, func(sc *sql.Rows) error {
		var d ValueDue
		var received string
		var body []byte
		if err := sc.Scan(&d.RequestID, &d.Number, &d.Title, &d.Customer, &d.Status, &received, &body); err != nil {
			return err
		}
		a, err := request.BodyOf[request.Analysis](request.Record{Kind: request.KindAnalysis, Body: recordBody(body)})
		if err != nil || !a.HighValue() {
			return nil
		}
		if _, ok := index[d.RequestID]; ok {
			return nil
		}
		d.ReceivedAt, d.CustomerValue, d.BusinessValue = parseTS(received), a.CustomerValue, a.BusinessValue
		index[d.RequestID] = len(out)
		out = append(out, d)
		return nil
	})
	if err != nil || len(out) == 0 {
		return []ValueDue{}, err
	}
	err = eachRow(ctx, s.read, `SELECT `+reqIDOf+`, body FROM request_records WHERE kind = ? ORDER BY created_at`,
		[]any{request.KindValueAssessment}, func(sc *sql.Rows) error {
			var id string
			var body []byte
			if err := sc.Scan(&id, &body); err != nil {
				return err
			}
			i, ok := index[id]
			if !ok {
				return nil
			}
			v, err := request.BodyOf[request.ValueAssessment](request.Record{Kind: request.KindValueAssessment, Body: recordBody(body)})
			if err != nil {
				return nil
			}
			out[i].Assessed++
			if v.Quarter == quarter {
				out[i].Assessment = &v
			}
			return nil
		})
	due, done := []ValueDue{}, []ValueDue{}
	for _, d := range out {
		if d.Assessment == nil {
			due = append(due, d)
		} else {
			done = append(done, d)
		}
	}
	return append(due, done...), err
}
