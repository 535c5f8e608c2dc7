package store

import (
	"context"
	"database/sql"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/search"
)

// A search whose list is sorted by receipt (the list's default, newest
// first) does not read and sort every match: a common word such as 对接 is
// in a tenth of all requests, and looking each one up costs more than the
// whole page. The search index's rowid is requests.seq, which grows with
// creation, and FTS5 hands out a search's rowids in either order cheaply; so
// the matches are read in batches from the newest seq down (from the oldest
// up for the oldest first), each batch joined to its requests and the
// list's filters, until the page is certain.
//
// Creation order is not receipt order: a request is registered after it was
// received, an import brings old requests, a receipt time is corrected. So
// the page is proven rather than assumed. Once the filtered matches read
// fill the page, let X be the receipt time of its last row and B the lowest
// seq read: every unread match has a seq below B, so it cannot come before
// that row when no request at all with a seq below B was received after X
// (at X exactly, the row wins on seq). That is one walk of the received_at
// index over the requests received after X, which holds seq, so no row is
// read; the walk is bounded by the matches read, and when it stops short
// the next, larger batch is read. When the matches run out, the page is
// simply the sorted matches, as exact as the exhaustive query.

// receiptKey is where a request stands in a list sorted by receipt.
type receiptKey struct {
	at  string // received_at as stored: its text sorts as its time
	seq int64
}

// before reports whether a comes before b in the list sorted by receipt,
// newest first when desc; ties go by seq the same way, as in SQL.
func (a receiptKey) before(b receiptKey, desc bool) bool {
	if a.at != b.at {
		return (a.at > b.at) == desc
	}
	return (a.seq > b.seq) == desc
}

// How far a search sorted by receipt reads its matches.
const (
	// walkPerMatch is how many entries of the received_at index the proof
	// may walk per match read: a walked entry costs about a sixtieth of a
	// lookup of a request.
	walkPerMatch = 64
	// filterFirstMatches: a filtered search that would have to read more
	// matches than this to fill the page (its filters keep few of them) is
	// driven by the filters' indexes instead, each candidate's match then
	// checked against the search's rowids.
	filterFirstMatches = 1024
	// exhaustiveCountMatches: for the exact count of a filtered search,
	// up to this many matches are looked up one by one; beyond, the count
	// is driven by the filters.
	exhaustiveCountMatches = 2000
)

// searchPlan says how ListRequests reads a page and its total.
type searchPlan int

const (
	planSQL         searchPlan = iota // the exhaustive query, SQLite's plan
	planWalked                        // the page was read newest first (seqs, total)
	planFilterFirst                   // the filters drive, the search checks; not counted
)

// searchPage is what searchByReceipt found.
type searchPage struct {
	plan  searchPlan
	seqs  []int64 // the page in its order (planWalked)
	total int
	exact bool
}

// ftsCondition restricts requests r to a search's matches; filterFirst
// keeps SQLite from driving the query by the matches (the unary plus hides
// seq from the planner), so it drives by the filters' indexes and probes
// the matches, read once into a set.
func ftsCondition(filterFirst bool) string {
	if filterFirst {
		return "+r.seq IN (SELECT rowid FROM request_fts WHERE request_fts MATCH ?)"
	}
	return "r.seq IN (SELECT rowid FROM request_fts WHERE request_fts MATCH ?)"
}

// searchLimits are request.TotalCap, filterFirstMatches and
// exhaustiveCountMatches, or smaller ones a test set (zero: the constant).
type searchLimits struct{ totalCap, filterFirst, exhaustiveCount int }

func (s *Store) searchLimit(set, def int) int {
	if set > 0 {
		return set
	}
	return def
}

// countMatches counts a search's matches in the search index alone, up to
// limit (no request is read).
func (s *Store) countMatches(ctx context.Context, match string, limit int) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM request_fts WHERE request_fts MATCH ? LIMIT ?)`,
		match, limit).Scan(&n)
	return n, err
}

// searchByReceipt reads the page of a search sorted by receipt newest
// first or oldest first, as the comment above says. It answers planSQL
// when q is no such list, and planFilterFirst when q's filters keep so few
// of the matches that they should drive. The total of a walked page is
// exact when every match was read, otherwise a lower bound: the matches
// found (at least to the end of the page); TotalRequests counts them.
func (s *Store) searchByReceipt(ctx context.Context, q request.Query, offset, limit int) (searchPage, error) {
	match := search.Match(q.Search)
	if match == "" {
		return searchPage{plan: planSQL}, nil
	}
	if _, known := sortColumns[q.Sort]; known && q.Sort != request.SortReceivedAt {
		return searchPage{plan: planSQL}, nil
	}
	fq := q
	fq.Search = ""
	where, args, err := s.requestFilter(ctx, fq)
	if err != nil {
		return searchPage{}, err
	}
	filtered := where != "1=1"
	filterFirst := s.searchLimit(s.searchLimits.filterFirst, filterFirstMatches)
	// The matches are counted (up to the cap, in the search index alone)
	// only when the filters keep few of them, to choose the way to read.
	matches := -1
	countAll := func() error {
		if matches < 0 {
			var err error
			matches, err = s.countMatches(ctx, match, filterFirst+1)
			return err
		}
		return nil
	}
	desc := q.Desc
	cmp, dir, bound := "<", "DESC", int64(math.MaxInt64)
	if !desc {
		cmp, dir, bound = ">", "ASC", int64(math.MinInt64)
	}
	// One batch: the next matches in seq order, each with its receipt and
	// whether the filters keep it (NULL: no such request).
	batchSQL := `SELECT f.rowid, r.received_at, ` + where + ` FROM (SELECT rowid FROM request_fts
		WHERE request_fts MATCH ? AND rowid ` + cmp + ` ? ORDER BY rowid ` + dir + ` LIMIT ?) f
		LEFT JOIN requests r ON r.seq = f.rowid`
	need := offset + limit
	batch := 2*need + 16
	var found []receiptKey
	seen := map[int64]bool{} // read by readEarly ahead of the batches
	read := 0
	for {
		before := len(found)
		n, err := s.readMatches(ctx, batchSQL, append(append([]any{}, args...), match, bound, batch), desc, seen, &bound, &found)
		if err != nil {
			return searchPage{}, err
		}
		read += n
		kept := len(found) - before
		if n < batch { // every match read
			sortReceipt(found, desc)
			return searchPage{plan: planWalked, seqs: pageSeqs(found, offset, need), total: len(found), exact: true}, nil
		}
		if len(found) >= need {
			sortReceipt(found, desc)
			early, proven, err := s.receivedBeyond(ctx, found[need-1], bound, desc, walkPerMatch*read+256)
			if err != nil {
				return searchPage{}, err
			}
			if proven && len(early) > 0 {
				// A few requests beyond bound were received after the
				// page's last row (a receipt corrected, say): those that
				// match and pass the filters join the candidates; every
				// other request beyond bound comes after that row still.
				if err := s.readEarly(ctx, where, args, match, early, seen, &found); err != nil {
					return searchPage{}, err
				}
				sortReceipt(found, desc)
			}
			if proven {
				return searchPage{plan: planWalked, seqs: pageSeqs(found, offset, need), total: len(found)}, nil
			}
		} else if filtered {
			// The filters kept kept of the last batch's n matches: at that
			// rate, how many more would fill the page?
			projected := math.MaxInt
			if kept > 0 {
				projected = read + (need-len(found))*n/kept
			}
			if projected > filterFirst {
				if err := countAll(); err != nil {
					return searchPage{}, err
				}
				if matches > filterFirst {
					return searchPage{plan: planFilterFirst}, nil
				}
			}
		}
		batch *= 2
	}
}

// readMatches runs one batch of searchByReceipt: it adds the matches the
// filters keep to found, moves bound past every match read, and says how
// many were read.
func (s *Store) readMatches(ctx context.Context, query string, args []any, desc bool, seen map[int64]bool, bound *int64, found *[]receiptKey) (int, error) {
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var seq int64
		var at sql.NullString
		var kept sql.NullBool
		if err := rows.Scan(&seq, &at, &kept); err != nil {
			return n, err
		}
		n++
		if (desc && seq < *bound) || (!desc && seq > *bound) {
			*bound = seq
		}
		if at.Valid && kept.Valid && kept.Bool && !seen[seq] {
			*found = append(*found, receiptKey{at: at.String, seq: seq})
		}
	}
	return n, rows.Err()
}

// readEarly reads which of the requests early (seqs beyond the batches
// read so far) match the search and pass the filters where, adds those to
// found and marks every one seen, so a later batch does not add it again.
func (s *Store) readEarly(ctx context.Context, where string, args []any, match string, early []int64, seen map[int64]bool, found *[]receiptKey) error {
	var fresh []any
	for _, seq := range early {
		if !seen[seq] {
			seen[seq] = true
			fresh = append(fresh, seq)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	rows, err := s.read.QueryContext(ctx, `SELECT r.seq, r.received_at FROM requests r
		WHERE r.seq IN (`+placeholders(len(fresh))+`) AND `+where+`
		AND r.seq IN (SELECT rowid FROM request_fts WHERE request_fts MATCH ? AND rowid IN (`+placeholders(len(fresh))+`))`,
		append(append(append(append([]any{}, fresh...), args...), match), fresh...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k receiptKey
		if err := rows.Scan(&k.seq, &k.at); err != nil {
			return err
		}
		*found = append(*found, k)
	}
	return rows.Err()
}

// maxEarly is how many requests beyond the batches read, received after
// the page's last row, receivedBeyond hands back to be read one by one.
const maxEarly = 64

// receivedBeyond looks for the requests beyond bound (a seq below it when
// desc, above it otherwise) that come before last in the list sorted by
// receipt: those received after it (before it, oldest first). It walks the
// received_at index over the requests received after last, at most walk of
// them, reading no row. ok is false when it had to stop or found more than
// maxEarly; otherwise early lists them (usually none).
func (s *Store) receivedBeyond(ctx context.Context, last receiptKey, bound int64, desc bool, walk int) (early []int64, ok bool, err error) {
	atCmp, seqCmp := ">", "<"
	if !desc {
		atCmp, seqCmp = "<", ">"
	}
	var walked, n int
	var list string
	err = s.read.QueryRowContext(ctx, `SELECT count(*), count(CASE WHEN seq `+seqCmp+` ? THEN 1 END),
		coalesce(group_concat(CASE WHEN seq `+seqCmp+` ? THEN seq END), '')
		FROM (SELECT seq FROM requests INDEXED BY requests_received WHERE received_at `+atCmp+` ? LIMIT ?)`,
		bound, bound, last.at, walk).Scan(&walked, &n, &list)
	if err != nil || walked >= walk || n > maxEarly {
		return nil, false, err
	}
	for _, f := range strings.Split(list, ",") {
		if f == "" {
			continue
		}
		seq, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, false, err
		}
		early = append(early, seq)
	}
	return early, true, nil
}

func sortReceipt(keys []receiptKey, desc bool) {
	sort.Slice(keys, func(i, j int) bool { return keys[i].before(keys[j], desc) })
}

// pageSeqs is the seqs of sorted keys from offset up to need.
func pageSeqs(keys []receiptKey, offset, need int) []int64 {
	out := []int64{}
	for i := offset; i < min(need, len(keys)); i++ {
		out = append(out, keys[i].seq)
	}
	return out
}

// countRequests counts the requests q selects, exactly. A search without
// filters is counted in the search index alone (one row per request);
// with filters, the matches drive the count when they are few and the
// filters' indexes otherwise.
func (s *Store) countRequests(ctx context.Context, q request.Query) (int, error) {
	match := search.Match(q.Search)
	fq := q
	fq.Search = ""
	where, args, err := s.requestFilter(ctx, fq)
	if err != nil {
		return 0, err
	}
	if match != "" {
		if where == "1=1" {
			return s.countMatches(ctx, match, math.MaxInt)
		}
		most := s.searchLimit(s.searchLimits.exhaustiveCount, exhaustiveCountMatches)
		matches, err := s.countMatches(ctx, match, most+1)
		if err != nil {
			return 0, err
		}
		where, args = where+" AND "+ftsCondition(matches > most), append(args, match)
	}
	var n int
	err = s.read.QueryRowContext(ctx, `SELECT count(*) FROM requests r WHERE `+where, args...).Scan(&n)
	return n, err
}

// TotalRequests says how many requests q selects, for a list whose page
// gave only a lower bound (request.Page.TotalExact): exactly when
// q.ExactTotal asks for it, otherwise counted up to request.TotalCap (a
// search without filters in the search index alone), which the list asks
// for by itself after showing the page.
func (s *Store) TotalRequests(ctx context.Context, q request.Query) (request.Total, error) {
	match := search.Match(q.Search)
	if q.ExactTotal || match == "" {
		n, err := s.countRequests(ctx, q)
		return request.Total{N: n, Exact: true}, err
	}
	totalCap := s.searchLimit(s.searchLimits.totalCap, request.TotalCap)
	fq := q
	fq.Search = ""
	where, args, err := s.requestFilter(ctx, fq)
	if err != nil {
		return request.Total{}, err
	}
	var n int
	if where == "1=1" {
		n, err = s.countMatches(ctx, match, totalCap+1)
	} else {
		most := s.searchLimit(s.searchLimits.exhaustiveCount, exhaustiveCountMatches)
		var matches int
		if matches, err = s.countMatches(ctx, match, most+1); err != nil {
			return request.Total{}, err
		}
		err = s.read.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM requests r WHERE `+where+` AND `+
			ftsCondition(matches > most)+` LIMIT ?)`, append(args, match, totalCap+1)...).Scan(&n)
	}
	if n > totalCap {
		return request.Total{N: totalCap, Exact: false}, err
	}
	return request.Total{N: n, Exact: true}, err
}
