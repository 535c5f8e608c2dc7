package store

import (
	"context"
	"sort"
	"strings"

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
	m, ranked, err := s.similarMatch(ctx, knowledge.QueryText(q.Text))
	if err != nil {
		return nil, err
	}
	switch {
	case m != "" && ranked:
		text, err = s.knowledgeHits(ctx, true, `SELECT `+knowledgeHitCols+`, f.rank
			FROM request_fts f JOIN requests r ON r.seq = f.rowid LEFT JOIN customers c ON c.id = r.customer_id
			WHERE request_fts MATCH ? AND r.status = ? AND r.id <> ? ORDER BY f.rank LIMIT ?`,
			m, request.StatusArchived, q.ExcludeID, knowledge.Limit*2)
	case m != "":
		text, err = s.knowledgeHits(ctx, false, `SELECT `+knowledgeHitCols+`
			FROM (SELECT rowid FROM request_fts WHERE request_fts MATCH ? ORDER BY rowid DESC) f
			JOIN requests r ON r.seq = f.rowid LEFT JOIN customers c ON c.id = r.customer_id
			WHERE r.status = ? AND r.id <> ? LIMIT ?`,
			m, request.StatusArchived, q.ExcludeID, knowledge.Limit*2)
	}
	if err != nil {
		return nil, err
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

// similarMatch picks the words of text a similar request is found by, so
// that the search stays bounded however common its words are: each word's
// documents are counted up to commonWord, and the rarer words (at most
// rareWords of them) are OR-ed and ranked by FTS5's bm25, which then ranks
// at most rareWords×commonWord documents. When every word is common (系统,
// 客户), the documents holding the rarest three together are taken, the
// newest first, unranked ("" when the text has no word any document holds).
func (s *Store) similarMatch(ctx context.Context, text string) (match string, ranked bool, err error) {
	const commonWord, rareWords = 1000, 6
	type counted struct {
		term string
		n    int
	}
	var words []counted
	for _, term := range search.SimilarTerms(text) {
		var n int
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM request_fts WHERE request_fts MATCH ? LIMIT ?)`,
			term, commonWord).Scan(&n); err != nil {
			return "", false, err
		}
		if n > 0 {
			words = append(words, counted{term, n})
		}
	}
	if len(words) == 0 {
		return "", false, nil
	}
	sort.SliceStable(words, func(i, j int) bool { return words[i].n < words[j].n })
	var rare []string
	for _, w := range words {
		if w.n < commonWord && len(rare) < rareWords {
			rare = append(rare, w.term)
		}
	}
	if len(rare) > 0 {
		return strings.Join(rare, " OR "), true, nil
	}
	var all []string
	for _, w := range words[:min(3, len(words))] {
		all = append(all, w.term)
	}
	return strings.Join(all, " AND "), false, nil
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
