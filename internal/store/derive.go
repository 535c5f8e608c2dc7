package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// A request's derived rows are its running time-limit clocks
// (request_clocks) and its measure row (request_metrics, whose triggers
// drop the kept sums it falls in). They are made from the request, its
// transitions and its records by derive alone, and written by
// deriveRequests alone, in the transaction of the change that calls for
// them: a single edit, a step, a record, an import, a policy change and the
// rebuild at start-up (after an upgrade or a restore) all go through it, so
// the dashboard, the reports and the notification centre never see a
// request without its rows or with rows older than the request. The bulk
// loader of an empty database (internal/demo) calls derive on its own
// goroutines and writes its rows in its multi-row inserts.

// derive computes a request's clocks as of now and its measure row. A
// request imported as already closed keeps no clocks but a complaint's: its
// time limits ran before the company kept them here, and a clock stopped at
// the import would count it late.
func (lim *timeLimits) derive(r request.Request, trs []request.Transition, recs []request.Record, now time.Time) ([]sla.Measure, report.Row, error) {
	ms, err := lim.measure(r, trs, recs, now, importedClosed(trs))
	if err != nil {
		return nil, report.Row{}, err
	}
	return ms, report.Derive(r, trs, recs, ms), nil
}

// importedClosed reports whether a request was imported as already closed:
// it keeps no clocks but a complaint's (see derive).
func importedClosed(trs []request.Transition) bool {
	return len(trs) > 0 && trs[0].Action == request.ActImport && trs[0].To.Closed()
}

// derivedKinds are the record kinds derive reads (request.Timeline and
// report.Derive); the others do not change a derived row.
const derivedKinds = `('communication', 'analysis', 'feedback', 'handover', 'complaint', 'plan', 'delivery', 'result_note', 'value_assessment')`

// deriveBatch is how many requests deriveRequests reads at a time.
const deriveBatch = 500

// deriveRequests recomputes the derived rows of the requests with the given
// ids from what tx holds now and replaces the stored ones, reading the
// requests, transitions and records a batch at a time rather than request
// by request.
func (s *Store) deriveRequests(ctx context.Context, tx *Tx, ids []string) error {
	ids = uniqueIDs(ids)
	if len(ids) == 0 {
		return nil
	}
	w, err := s.newDerived(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	for len(ids) > 0 {
		n := min(deriveBatch, len(ids))
		if err := s.deriveSome(ctx, tx, w, ids[:n]); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return w.flush(ctx)
}

// deriveRequest recomputes the derived rows of one request, r as tx holds
// it now: deriveRequests' rows for a single change, without its batches of
// IN lists and multi-row statements (a fifth of registering a request went
// there). A request inserted by this transaction (fresh) has no
// transitions, records or clocks yet (their foreign keys name it), so none
// are read or deleted.
func (s *Store) deriveRequest(ctx context.Context, tx *Tx, r request.Request, seq int64, fresh bool) error {
	lim, err := s.limits(ctx, tx)
	if err != nil {
		return err
	}
	var trs []request.Transition
	var recs []request.Record
	if !fresh {
		if trs, err = s.transitions(ctx, tx, r.ID); err != nil {
			return err
		}
		if err := eachRow(ctx, tx, `SELECT `+recordColumns+` FROM request_records WHERE req = ?
			AND kind IN `+derivedKinds+` ORDER BY created_at, id`, []any{seq}, func(sc *sql.Rows) error {
			rec, err := scanRecord(sc)
			if err != nil {
				return err
			}
			recs = append(recs, rec)
			return nil
		}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM request_clocks WHERE req = ?`, seq); err != nil {
			return err
		}
	}
	ms, row, err := lim.derive(r, trs, recs, tx.Now())
	if err != nil {
		return err
	}
	if err := writeMetrics(ctx, tx, seq, row); err != nil {
		return err
	}
	// The request's clocks in one statement: a statement each was a fifth
	// of the statements a new request runs.
	if len(ms) == 0 {
		return nil
	}
	args := make([]any, 0, len(ms)*clockWidth)
	for _, m := range ms {
		args = append(args, s.clockArgs(seq, m)...)
	}
	_, err = tx.ExecContext(ctx, insertClocksSQL(len(ms)), args...)
	return err
}

// insertClocksSQL stores n clocks, each in clockArgs' order.
func insertClocksSQL(n int) string {
	row := `(` + placeholders(clockWidth) + `)`
	return `INSERT INTO request_clocks (` + clockColumns + `) VALUES ` + strings.TrimSuffix(strings.Repeat(row+`, `, n), `, `)
}

// derived writes the derived rows of requests: their clocks and measure
// row, from the time limits in force at the transaction's time. The rows go
// in multi-row statements: one statement per request, parsed each time,
// cost an import of 10,000 rows more than a second. Each request is written
// once, so no statement names a row twice.
type derived struct {
	s       *Store
	lim     *timeLimits
	now     time.Time
	clocks  *bulk
	metrics *bulk
}

func (s *Store) newDerived(ctx context.Context, tx *Tx) (*derived, error) {
	lim, err := s.limits(ctx, tx)
	if err != nil {
		return nil, err
	}
	return s.newDerivedWith(tx, lim), nil
}

// newDerivedWith is newDerived with the time limits given.
func (s *Store) newDerivedWith(tx *Tx, lim *timeLimits) *derived {
	w := &derived{s: s, lim: lim, now: tx.Now(), clocks: newBulk(tx, "request_clocks", clockColumns, clockWidth),
		metrics: newBulk(tx, "request_metrics", metricColumns, 5)}
	w.metrics.suffix = metricUpsert
	return w
}

// add derives and queues the rows of r, whose seq is seq, from its
// transitions and records.
func (w *derived) add(ctx context.Context, r request.Request, seq int64, trs []request.Transition, recs []request.Record) error {
	ms, row, err := w.lim.derive(r, trs, recs, w.now)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := w.clocks.add(ctx, w.s.clockArgs(seq, m)...); err != nil {
			return err
		}
	}
	return w.metrics.add(ctx, metricArgs(seq, row)...)
}

// flush writes what is queued.
func (w *derived) flush(ctx context.Context) error {
	if err := w.metrics.flush(ctx); err != nil {
		return err
	}
	return w.clocks.flush(ctx)
}

func (w *derived) close() {
	w.clocks.close()
	w.metrics.close()
}

func (s *Store) deriveSome(ctx context.Context, tx *Tx, w *derived, ids []string) error {
	reqs, seqs, err := requestsIn(ctx, tx, ids)
	if err != nil {
		return err
	}
	if len(reqs) != len(ids) {
		return notFound("需求")
	}
	return s.deriveRead(ctx, tx, w, reqs, seqs)
}

// requestsIn reads the requests of ids that exist, in the order of their
// seq, with their seqs.
func requestsIn(ctx context.Context, tx *Tx, ids []string) ([]request.Request, []int64, error) {
	var reqs []request.Request
	var seqs []int64
	err := eachRow(ctx, tx, `SELECT `+requestColumns+` FROM requests r JOIN customers c ON c.id = r.customer_id
		WHERE r.id IN (`+placeholders(len(ids))+`) ORDER BY r.seq`, anySlice(ids), func(sc *sql.Rows) error {
		r, seq, err := scanRequest(sc)
		if err != nil {
			return err
		}
		reqs, seqs = append(reqs, r), append(seqs, seq)
		return nil
	})
	return reqs, seqs, err
}

// deriveRead derives the rows of requests read from tx (see deriveSome),
// reading their transitions and records.
func (s *Store) deriveRead(ctx context.Context, tx *Tx, w *derived, reqs []request.Request, seqs []int64) error {
	if len(reqs) == 0 {
		return nil
	}
	trs, recs, err := history(ctx, tx, reqs)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM request_clocks WHERE req IN (`+placeholders(len(seqs))+`)`, anySlice(seqs)...); err != nil {
		return err
	}
	for i, r := range reqs {
		if err := w.add(ctx, r, seqs[i], trs[i], recs[i]); err != nil {
			return err
		}
	}
	return nil
}

// history reads the transitions, and the records derive reads, of
// requests, request by request.
func history(ctx context.Context, tx *Tx, reqs []request.Request) ([][]request.Transition, [][]request.Record, error) {
	return historyOf(ctx, tx, reqs, historyNow)
}

// historyShape is how history reads the transitions and the records of a
// list of requests (in, their ids bound): each query with its tables as
// they stand at a schema version, the transitions led by their request's
// id.
type historyShape struct{ transitions, records func(in string) string }

// historyNow reads the tables as this version writes them.
var historyNow = historyShape{
	transitions: func(in string) string {
		return `SELECT r.id, ` + prefixed("t.", transitionColumns) + ` FROM requests r
			JOIN request_transitions t ON t.req = r.seq WHERE r.id IN ` + in + ` ORDER BY t.seq`
	},
	records: func(in string) string {
		return `SELECT ` + recordColumns + ` FROM request_records WHERE req IN (SELECT seq FROM requests WHERE id IN ` + in + `)
			AND kind IN ` + derivedKinds + ` ORDER BY created_at, id`
	},
}

// historyOf is history with the queries of shape.
func historyOf(ctx context.Context, tx *Tx, reqs []request.Request, shape historyShape) ([][]request.Transition, [][]request.Record, error) {
	args := make([]any, len(reqs))
	index := make(map[string]int, len(reqs))
	for i, r := range reqs {
		args[i] = r.ID
		index[r.ID] = i
	}
	in := `(` + placeholders(len(reqs)) + `)`
	trs := make([][]request.Transition, len(reqs))
	recs := make([][]request.Record, len(reqs))
	if err := eachRow(ctx, tx, shape.transitions(in), args, func(sc *sql.Rows) error {
		var rid string
		t, err := scanTransition(sc, &rid)
		trs[index[rid]] = append(trs[index[rid]], t)
		return err
	}); err != nil {
		return nil, nil, err
	}
	if err := eachRow(ctx, tx, shape.records(in), args, func(sc *sql.Rows) error {
		rec, err := scanRecord(sc)
		if err != nil {
			return err
		}
		recs[index[rec.RequestID]] = append(recs[index[rec.RequestID]], rec)
		return nil
	}); err != nil {
		return nil, nil, err
	}
	return trs, recs, nil
}

// deriveCreated writes the derived rows of requests an import has just
// written, from what it wrote rather than reading it back: the same rows
// deriveRequests would make (TestDeriveCreatedAsRead), for a tenth of an
// import's time less.
func (s *Store) deriveCreated(ctx context.Context, tx *Tx, reqs []created) error {
	if len(reqs) == 0 {
		return nil
	}
	w, err := s.newDerived(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	for _, c := range reqs {
		if err := w.add(ctx, c.r, c.seq, c.trs, nil); err != nil {
			return err
		}
	}
	return w.flush(ctx)
}

// uniqueIDs is ids without repetitions, in their first order.
func uniqueIDs(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
