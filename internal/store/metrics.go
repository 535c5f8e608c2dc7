package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// request_metrics keeps report.Row for every request; refreshClocks writes
// it with the clocks, so it changes exactly when a request or its history
// does (and when time-limit policies are recomputed).

// A row is stored as its indexed columns and, in data, every field
// tab-separated in this order: id, number, title, received, type, channel,
// category, urgency, department, owner, status, path, assigned, responded,
// resolved, result given, handed over, delivered, promised, contacts,
// reopens, surveyed, feedback ("" or timeliness,effectiveness,attitude,
// overall,solved), implemented, customer value, business value, cost days,
// clocks (kind:due:done:allowance:calendar;...). Times are Unix seconds, 0
// for none.
const metricFields = 27

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func fromUnix(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.Unix(v, 0).UTC()
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// noTabs keeps a text field from splitting the row.
var noTabs = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

func encodeMetric(r report.Row) string {
	fb := ""
	if f := r.Feedback; f != nil {
		fb = fmt.Sprintf("%d,%d,%d,%d,%d", f.Timeliness, f.Effectiveness, f.Attitude, f.Overall, b2i(f.Solved))
	}
	var clocks strings.Builder
	for i, c := range r.Clocks {
		if i > 0 {
			clocks.WriteByte(';')
		}
		fmt.Fprintf(&clocks, "%s:%d:%d:%d:%s", c.Kind, unix(c.Due), unix(c.Done), c.Allowance, c.Calendar)
	}
	fields := []any{r.RequestID, r.Number, r.Title, unix(r.Received), r.Type, r.Channel, r.Category, r.Urgency,
		r.Department, r.Owner, r.Status, r.Path, unix(r.Assigned), unix(r.Responded), unix(r.Resolved),
		unix(r.ResultGiven), unix(r.HandedOver), unix(r.Delivered), r.Promised, r.Contacts, r.Reopens, b2i(r.Surveyed),
		fb, b2i(r.Implemented), r.CustomerValue, r.BusinessValue, strconv.FormatFloat(r.CostDays, 'f', -1, 64), clocks.String()}
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteByte('\t')
		}
		switch v := f.(type) {
		case string:
			b.WriteString(noTabs.Replace(v))
		default:
			fmt.Fprint(&b, noTabs.Replace(fmt.Sprint(v)))
		}
	}
	return b.String()
}

func decodeMetric(data string) (report.Row, error) {
	var r report.Row
	if n := strings.Count(data, "\t") + 1; n != metricFields+1 {
		return r, fmt.Errorf("measure row has %d fields, want %d", n, metricFields+1)
	}
	// Cut in place: the fields share the row's text, nothing is copied.
	var f [metricFields + 1]string
	rest := data
	for i := 0; i < metricFields; i++ {
		f[i], rest, _ = strings.Cut(rest, "\t")
	}
	f[metricFields] = rest
	num := func(s string) int64 {
		v, _ := strconv.ParseInt(s, 10, 64)
		return v
	}
	r.RequestID, r.Number, r.Title, r.Received = f[0], f[1], f[2], fromUnix(num(f[3]))
	r.Type, r.Channel, r.Category, r.Urgency = f[4], f[5], f[6], request.Urgency(f[7])
	r.Department, r.Owner, r.Status, r.Path = f[8], f[9], request.Status(f[10]), request.Path(f[11])
	r.Assigned, r.Responded, r.Resolved = fromUnix(num(f[12])), fromUnix(num(f[13])), fromUnix(num(f[14]))
	r.ResultGiven, r.HandedOver, r.Delivered = fromUnix(num(f[15])), fromUnix(num(f[16])), fromUnix(num(f[17]))
	r.Promised, r.Contacts, r.Reopens, r.Surveyed = f[18], int(num(f[19])), int(num(f[20])), f[21] == "1"
	if f[22] != "" {
		var v [5]int
		rest := f[22]
		for i := range v {
			var p string
			p, rest, _ = strings.Cut(rest, ",")
			v[i] = int(num(p))
		}
		r.Feedback = &report.Scores{Timeliness: v[0], Effectiveness: v[1], Attitude: v[2], Overall: v[3], Solved: v[4] == 1}
	}
	r.Implemented, r.CustomerValue, r.BusinessValue = f[23] == "1", int(num(f[24])), int(num(f[25]))
	r.CostDays, _ = strconv.ParseFloat(f[26], 64)
	if f[27] != "" {
		r.Clocks = make([]report.Clock, 0, strings.Count(f[27], ";")+1)
		for c, more := f[27], true; more; {
			var one string
			one, c, more = strings.Cut(c, ";")
			// kind:due:done:allowance:calendar
			var parts [5]string
			ok := true
			for k := 0; k < 4 && ok; k++ {
				parts[k], one, ok = strings.Cut(one, ":")
			}
			if !ok {
				continue
			}
			parts[4] = one
			r.Clocks = append(r.Clocks, report.Clock{Kind: sla.Kind(parts[0]), Due: fromUnix(num(parts[1])), Done: fromUnix(num(parts[2])),
				Allowance: num(parts[3]), Calendar: sla.Clock(parts[4])})
		}
	}
	return r, nil
}

// writeMetrics stores a request's derived row. It updates the row in place
// (never INSERT OR REPLACE, whose delete fires no trigger), so the triggers
// of migration 0008 see the row replaced and drop the sums it counted in.
func writeMetrics(ctx context.Context, tx *Tx, r report.Row) error {
	_, err := tx.ExecContext(ctx, writeMetricsSQL, metricArgs(r)...)
	return err
}

// metricColumns are the columns of a derived row, in metricArgs' order;
// metricUpsert replaces a row already there in place (see writeMetrics).
const (
	metricColumns = `request_id, received, department, open, data`
	metricUpsert  = `ON CONFLICT (request_id) DO UPDATE SET received = excluded.received,
	department = excluded.department, open = excluded.open, data = excluded.data`
	writeMetricsSQL = `INSERT INTO request_metrics (` + metricColumns + `) VALUES (?, ?, ?, ?, ?) ` + metricUpsert
)

func metricArgs(r report.Row) []any {
	return []any{r.RequestID, unix(r.Received), r.Department, b2i(r.Open()), encodeMetric(r)}
}

// metricBatch is how many requests RebuildMetrics derives per transaction.
const metricBatch = 2000

// RebuildMetrics derives the rows (see deriveRequests) of every request
// that has no measure row: after the upgrade that introduced them and after
// a restore of a database written before every bulk write derived its rows.
// It reads only those requests' history, a batch at a time.
func (s *Store) RebuildMetrics(ctx context.Context) (int, error) {
	// Every start asks, so the question is two counts, each one walk of a
	// small index: a measure row names its request (a foreign key), one row
	// a request (unique), so the requests without one are the difference.
	// Looking each request's row up instead took a third of a start at
	// 100k requests, most of it reading pages of two indexes no screen
	// needs at start.
	var missing int
	if err := s.write.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM requests) - (SELECT count(*) FROM request_metrics)`).
		Scan(&missing); err != nil || missing == 0 {
		return 0, err
	}
	done := 0
	for last := int64(-1); ; {
		var ids []string
		err := s.tx(ctx, func(tx *Tx) error {
			var err error
			if err = eachRow(ctx, tx, `SELECT r.seq, r.id FROM requests r
				WHERE r.seq > ? AND NOT EXISTS (SELECT 1 FROM request_metrics m WHERE m.request_id = r.id)
				ORDER BY r.seq LIMIT ?`, []any{last, metricBatch}, func(sc *sql.Rows) error {
				var id string
				if err := sc.Scan(&last, &id); err != nil {
					return err
				}
				ids = append(ids, id)
				return nil
			}); err != nil {
				return err
			}
			return s.deriveRequests(ctx, tx, ids)
		})
		if err != nil || len(ids) == 0 {
			return done, err
		}
		done += len(ids)
	}
}

// eachRow runs a query and calls fn for every row.
func eachRow(ctx context.Context, q queryer, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// MetricRows returns the measure rows of the requests received in [from,
// to), of one department when dept is not empty.
func (s *Store) MetricRows(ctx context.Context, from, to time.Time, dept string) ([]report.Row, error) {
	return s.metricRowsIn(ctx, s.read, from, to, dept, false)
}

// metricRowsIn reads the rows received in [from, to) in order of receipt,
// only the closed requests' when closed is set.
func (s *Store) metricRowsIn(ctx context.Context, q queryer, from, to time.Time, dept string, closed bool) ([]report.Row, error) {
	where, args := "received >= ? AND received < ?", []any{from.Unix(), to.Unix()}
	if dept != "" {
		where, args = where+" AND department = ?", append(args, dept)
	}
	if closed {
		where += " AND open = 0"
	}
	return s.metricRows(ctx, q, where+" ORDER BY received", args)
}

// OpenMetricRows returns the measure rows of the requests open now.
func (s *Store) OpenMetricRows(ctx context.Context, dept string) ([]report.Row, error) {
	return s.openMetricRows(ctx, s.read, dept)
}

func (s *Store) openMetricRows(ctx context.Context, q queryer, dept string) ([]report.Row, error) {
	where, args := "open = 1", []any{}
	if dept != "" {
		where, args = where+" AND department = ?", append(args, dept)
	}
	return s.metricRows(ctx, q, where, args)
}

func (s *Store) metricRows(ctx context.Context, q queryer, where string, args []any) ([]report.Row, error) {
	// Rows are wide: they are decoded into blocks of at most a fixed size
	// and copied once into a slice of the final length, rather than moved
	// each time one appended slice grows.
	const block = 1024
	var blocks [][]report.Row
	var cur []report.Row // the first block grows as it fills: a short result takes no whole block
	err := eachRow(ctx, q, `SELECT data FROM request_metrics WHERE `+where, args, func(sc *sql.Rows) error {
		var data string
		if err := sc.Scan(&data); err != nil {
			return err
		}
		r, err := decodeMetric(data)
		if err != nil {
			return err
		}
		if len(cur) == block {
			blocks = append(blocks, cur)
			cur = make([]report.Row, 0, block)
		}
		cur = append(cur, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(blocks) == 0 {
		if cur == nil {
			cur = []report.Row{}
		}
		return cur, nil
	}
	out := make([]report.Row, 0, len(blocks)*block+len(cur))
	for _, b := range blocks {
		out = append(out, b...)
	}
	return append(out, cur...), nil
}
