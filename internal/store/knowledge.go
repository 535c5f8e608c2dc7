package store

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/knowledge"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/search"
)

// The knowledge base is the archived requests, found through the Chinese
// search index (request_fts): knowledge.Rank orders them, and each offered
// one's solution is read from its records.

const knowledgeHitCols = `r.id, r.number, r.title, r.type, r.customer_id, coalesce(c.name, ''), r.status, r.received_at`

func scanKnowledgeHit(sc interface{ Scan(...any) error }, rank *float64) (knowledge.Hit, error) {
	var h knowledge.Hit
	var at string
	dest := []any{&h.RequestID, &h.Number, &h.Title, &h.Type, &h.CustomerID, &h.CustomerName, &h.Status, &at}
	if rank != nil {
		dest = append(dest, rank)
	}
	err := sc.Scan(dest...)
	h.ReceivedAt = parseTS(at)
	if rank != nil {
		h.Rank = *rank
	}
	return h, err
}

func (s *Store) knowledgeHits(ctx context.Context, ranked bool, query string, args ...any) ([]knowledge.Hit, error) {
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []knowledge.Hit
	for rows.Next() {
		var rank float64
		var rp *float64
		if ranked {
			rp = &rank
		}
		h, err := scanKnowledgeHit(rows, rp)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// SimilarRequests offers at most knowledge.Limit archived requests like
// the one q describes: of the same customer, or sharing words of its title
// or description (search.Similar), with their solutions.
func (s *Store) SimilarRequests(ctx context.Context, q knowledge.Query) ([]knowledge.Match, error) {
	var text, cust []knowledge.Hit
	if m := search.Similar(knowledge.QueryText(q.Text)); m != "" {
		var err error
		text, err = s.knowledgeHits(ctx, true, `SELECT `+knowledgeHitCols+`, f.rank
			FROM request_fts f JOIN requests r ON r.seq = f.rowid LEFT JOIN customers c ON c.id = r.customer_id
			WHERE request_fts MATCH ? AND r.status = ? AND r.id <> ? ORDER BY f.rank LIMIT ?`,
			m, request.StatusArchived, q.ExcludeID, knowledge.Limit*2)
		if err != nil {
			return nil, err
		}
	}
	if q.CustomerID != "" {
		var err error
		cust, err = s.knowledgeHits(ctx, false, `SELECT `+knowledgeHitCols+`
			FROM requests r LEFT JOIN customers c ON c.id = r.customer_id
			WHERE r.customer_id = ? AND r.status = ? AND r.id <> ? ORDER BY r.received_at DESC LIMIT ?`,
			q.CustomerID, request.StatusArchived, q.ExcludeID, knowledge.Limit)
		if err != nil {
			return nil, err
		}
	}
	return s.withSolutions(ctx, knowledge.Rank(text, cust, q.CustomerID, knowledge.Limit))
}

// SearchKnowledge finds archived requests whose number, title,
// description, customer or contact contain the words of text (as the
// request list's search does), the latest first, at most 20, with their
// solutions; the latest archived ones when text is empty.
func (s *Store) SearchKnowledge(ctx context.Context, text string) ([]knowledge.Match, error) {
	const limit = 20
	var hits []knowledge.Hit
	var err error
	if m := search.Match(knowledge.QueryText(text)); m != "" {
		hits, err = s.knowledgeHits(ctx, false, `SELECT `+knowledgeHitCols+`
			FROM requests r LEFT JOIN customers c ON c.id = r.customer_id
			WHERE r.status = ? AND r.seq IN (SELECT rowid FROM request_fts WHERE request_fts MATCH ?)
			ORDER BY r.received_at DESC LIMIT ?`, request.StatusArchived, m, limit)
	} else {
		hits, err = s.knowledgeHits(ctx, false, `SELECT `+knowledgeHitCols+`
			FROM requests r LEFT JOIN customers c ON c.id = r.customer_id
			WHERE r.status = ? ORDER BY r.received_at DESC LIMIT ?`, request.StatusArchived, limit)
	}
	if err != nil {
		return nil, err
	}
	out := make([]knowledge.Match, len(hits))
	for i, h := range hits {
		out[i] = knowledge.Match{Hit: h, TextMatch: text != ""}
	}
	return s.withSolutions(ctx, out)
}

func (s *Store) withSolutions(ctx context.Context, ms []knowledge.Match) ([]knowledge.Match, error) {
	if ms == nil {
		ms = []knowledge.Match{}
	}
	for i := range ms {
		recs, err := s.records(ctx, s.read, ms[i].RequestID)
		if err != nil {
			return nil, err
		}
		ms[i].Solution = knowledge.SolutionOf(recs)
	}
	return ms, nil
}
