package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
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
// clocks ("~" then kind:due:done:allowance:calendar;... with due and done
// in seconds after received, empty for none, and the kind and calendar by
// their codes: 0035), complaints, complaint open,
// handover at, handover answered, started, reclassified, offline comms,
// offline incomplete, collected, archive missing, high value, assessments,
// converted. Times are Unix seconds, 0 for none. A row written before
// complaints (oldMetricFields) or plan 004's fields (plan004Fields) ends
// earlier: what it lacks reads as none, and migration 0019's step makes
// such rows again (rederiveMeasureRows). A row written before 0035 names
// its clocks' kinds and calendars in full, after a "+" (0033), or before
// 0033 without it, with their times as Unix seconds (0033 and 0035 write
// them anew: recodeMetrics).
const (
	metricFields    = 40
	plan004Fields   = 29
	oldMetricFields = 27
)

// clockKindCodes and calendarCodes are how a measure row (0035) and a
// stored clock (0036) name a clock's kind and calendar: a letter, and for
// the round-the-clock calendar nothing, where the names were half of the
// clocks' text (13 MB of the 100k data set's measure rows, as much of its
// clocks). Rows carry them, so a code is never given to another name; a
// kind or calendar without one is written by its name, which is longer
// than a letter (kindCode, calendarCode; kindOf and calendarOf read them).
var (
	clockKindCodes = map[sla.Kind]string{sla.KindRecord: "A", sla.KindClassify: "B", sla.KindStart: "C",
		sla.KindRespond: "D", sla.KindResolve: "E", sla.KindResultFeedback: "F", sla.KindProgress: "G",
		sla.KindSurvey: "H", sla.KindChannelRespond: "I", sla.KindPhoneAnswer: "J", sla.KindHandover: "K",
		sla.KindHandoverAnswer: "L", sla.KindComplaintAccept: "M", sla.KindComplaintAnswer: "N"}
	calendarCodes = map[sla.Clock]string{sla.Clock24x7: "", sla.ClockWorking: "W", "": "-"}
	clockKinds    = inverse(clockKindCodes)
	calendars     = inverse(calendarCodes)
)

func kindCode(k sla.Kind) string       { return coded(clockKindCodes, k) }
func kindOf(code string) sla.Kind      { return named(clockKinds, code) }
func calendarCode(c sla.Clock) string  { return coded(calendarCodes, c) }
func calendarOf(code string) sla.Clock { return named(calendars, code) }

// coded is word's code in codes, or the word itself when it has none.
func coded[K ~string](codes map[K]string, word K) string {
	if c, ok := codes[word]; ok {
		return c
	}
	return string(word)
}

// named is the word code stands for in words (an inverse of codes), or
// code itself when it is none.
func named[K ~string](words map[string]K, code string) K {
	if w, ok := words[code]; ok {
		return w
	}
	return K(code)
}

// kindCodeSQL is the kinds as an SQL list of their codes (fixed words of
// the program, never input), for a query of the stored clocks.
func kindCodeSQL(kinds ...sla.Kind) string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = "'" + kindCode(k) + "'"
	}
	return "(" + strings.Join(out, ", ") + ")"
}

// kindNameSQL is the SQL of the name of the kind a stored clock's column
// col holds.
func kindNameSQL(col string) string {
	var b strings.Builder
	b.WriteString("CASE " + col)
	for _, k := range slices.Sorted(maps.Keys(clockKindCodes)) {
		b.WriteString(" WHEN '" + clockKindCodes[k] + "' THEN '" + string(k) + "'")
	}
	b.WriteString(" ELSE " + col + " END")
	return b.String()
}

func inverse[K ~string](m map[K]string) map[string]K {
	out := make(map[string]K, len(m))
	for k, v := range m {
		out[v] = k
	}
	return out
}

// metricWidth is how many fields a stored row has.
func metricWidth(data string) int { return strings.Count(data, "\t") + 1 }

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
	// A clock's times as seconds after the request's receipt: a fifth of
	// the room they took as Unix seconds, where most of a row is its
	// clocks.
	var clocks strings.Builder
	received := unix(r.Received)
	after := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return strconv.FormatInt(t.Unix()-received, 10)
	}
	if len(r.Clocks) > 0 {
		clocks.WriteByte('~')
	}
	for i, c := range r.Clocks {
		if i > 0 {
			clocks.WriteByte(';')
		}
		fmt.Fprintf(&clocks, "%s:%s:%s:%d:%s", kindCode(c.Kind), after(c.Due), after(c.Done), c.Allowance,
			calendarCode(c.Calendar))
	}
	fields := []any{r.RequestID, r.Number, r.Title, unix(r.Received), r.Type, r.Channel, r.Category, r.Urgency,
		r.Department, r.Owner, r.Status, r.Path, unix(r.Assigned), unix(r.Responded), unix(r.Resolved),
		unix(r.ResultGiven), unix(r.HandedOver), unix(r.Delivered), r.Promised, r.Contacts, r.Reopens, b2i(r.Surveyed),
		fb, b2i(r.Implemented), r.CustomerValue, r.BusinessValue, strconv.FormatFloat(r.CostDays, 'f', -1, 64), clocks.String(),
		r.Complaints, b2i(r.ComplaintOpen), unix(r.HandoverAt), unix(r.HandoverAnswered), b2i(r.Started), b2i(r.Reclassified),
		r.OfflineComms, r.OfflineIncomplete, b2i(r.Collected), r.ArchiveMissing, b2i(r.HighValue), r.Assessments, b2i(r.Converted)}
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
	n := strings.Count(data, "\t") + 1
	if n != metricFields+1 && n != plan004Fields+1 && n != oldMetricFields+1 {
		return r, fmt.Errorf("measure row has %d fields, want %d", n, metricFields+1)
	}
	// Cut in place: the fields share the row's text, nothing is copied.
	var f [metricFields + 1]string
	rest := data
	for i := 0; i < n-1; i++ {
		f[i], rest, _ = strings.Cut(rest, "\t")
	}
	f[n-1] = rest
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
		// The times after the receipt and the kinds and calendars by their
		// codes (0035), the times after the receipt (0033), or as Unix
		// seconds.
		at := func(s string) time.Time { return fromUnix(num(s)) }
		clocks, coded := strings.CutPrefix(f[27], "~")
		clocks, relative := strings.CutPrefix(clocks, "+")
		if relative || coded {
			received := num(f[3])
			at = func(s string) time.Time {
				if s == "" {
					return time.Time{}
				}
				return time.Unix(received+num(s), 0).UTC()
			}
		}
		r.Clocks = make([]report.Clock, 0, strings.Count(clocks, ";")+1)
		for c, more := clocks, true; more; {
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
			kind, calendar := sla.Kind(parts[0]), sla.Clock(parts[4])
			if coded {
				kind, calendar = kindOf(parts[0]), calendarOf(parts[4])
			}
			r.Clocks = append(r.Clocks, report.Clock{Kind: kind, Due: at(parts[1]), Done: at(parts[2]),
				Allowance: num(parts[3]), Calendar: calendar})
		}
	}
	r.Complaints, r.ComplaintOpen = int(num(f[28])), f[29] == "1"
	if n < metricFields+1 {
		return r, nil
	}
	r.HandoverAt, r.HandoverAnswered, r.Started, r.Reclassified = fromUnix(num(f[30])), fromUnix(num(f[31])), f[32] == "1", f[33] == "1"
	r.OfflineComms, r.OfflineIncomplete, r.Collected, r.ArchiveMissing = int(num(f[34])), int(num(f[35])), f[36] == "1", int(num(f[37]))
	r.HighValue, r.Assessments, r.Converted = f[38] == "1", int(num(f[39])), f[40] == "1"
	return r, nil
}

// writeMetrics stores the derived row of the request whose seq is seq. It
// updates the row in place (never INSERT OR REPLACE, whose delete fires no
// trigger), so the triggers of migration 0008 see the row replaced and drop
// the sums it counted in.
func writeMetrics(ctx context.Context, tx *Tx, seq int64, r report.Row) error {
	_, err := tx.ExecContext(ctx, writeMetricsSQL, metricArgs(seq, r)...)
	return err
}

// metricColumns are the columns of a derived row, in metricArgs' order: the
// request by its seq (0040); metricUpsert replaces a row already there in
// place (see writeMetrics).
const (
	metricColumns = `req, received, department, open, data`
	metricUpsert  = `ON CONFLICT (req) DO UPDATE SET received = excluded.received,
	department = excluded.department, open = excluded.open, data = excluded.data`
	writeMetricsSQL = `INSERT INTO request_metrics (` + metricColumns + `) VALUES (?, ?, ?, ?, ?) ` + metricUpsert
)

func metricArgs(seq int64, r report.Row) []any {
	return []any{seq, unix(r.Received), r.Department, b2i(r.Live()), encodeMetric(r)}
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
				WHERE r.seq > ? AND NOT EXISTS (SELECT 1 FROM request_metrics m WHERE m.req = r.seq)
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
	return s.openRowsIn(ctx, q, dept, false)
}

// openRowsIn reads the open requests' rows; snapshot tells that q is a
// read transaction, whose change log sequence the rows are as of.
func (s *Store) openRowsIn(ctx context.Context, q queryer, dept string, snapshot bool) ([]report.Row, error) {
	logged := snapshot && s.changeLog.Load()
	if logged {
		if rows, ok, err := s.openRowsSince(ctx, q, dept); err != nil || ok {
			return rows, err
		}
	}
	where, args := "open = 1", []any{}
	if dept != "" {
		where, args = where+" AND department = ?", append(args, dept)
	}
	var seq int64
	if logged {
		if err := q.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM sync_changes`).Scan(&seq); err != nil {
			return nil, err
		}
	}
	m := &s.openRows
	m.mu.Lock()
	last := m.rows
	m.mu.Unlock()
	seen := make(map[string]*memoRow, len(last))
	list := make([]*memoRow, 0, len(last))
	err := eachRow(ctx, q, `SELECT data FROM request_metrics WHERE `+where, args, func(sc *sql.Rows) error {
		var raw sql.RawBytes
		if err := sc.Scan(&raw); err != nil {
			return err
		}
		id, _, _ := bytes.Cut(raw, []byte{'\t'})
		was, ok := last[string(id)]
		if !ok || was.data != string(raw) {
			data := string(raw)
			r, err := decodeMetric(data)
			if err != nil {
				return err
			}
			was = &memoRow{data: data, row: r}
		}
		seen[was.row.RequestID] = was
		list = append(list, was)
		return nil
	})
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	m.rows = seen
	m.at, m.dept, m.seq, m.list = logged, dept, seq, list
	m.mu.Unlock()
	return rowsOf(list), nil
}

// maxDelta is the most changes openRowsSince follows; beyond them the
// rows are read afresh.
const maxDelta = 2000

// openRowsSince brings the open requests' rows kept from the last read up
// to date by the change log, when it can: a team server logs every change
// of a shared row, and a request's measure row changes only with the
// request, its steps or its records (derived in the same transaction), so
// re-reading the rows of the requests changed since is reading them all.
// It cannot (ok false, the caller reads them all) when nothing is kept for
// dept, when the log was emptied since (a laptop forgets its log: the last
// change kept is gone), when more than maxDelta rows changed, or when a
// table changed that might change a measure row without one of those
// (settings, time-limit policies, customers, documents …).
func (s *Store) openRowsSince(ctx context.Context, q queryer, dept string) (_ []report.Row, ok bool, err error) {
	m := &s.openRows
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.at || m.dept != dept {
		return nil, false, nil
	}
	var seq int64
	if err := q.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM sync_changes`).Scan(&seq); err != nil {
		return nil, false, err
	}
	if seq == m.seq {
		m.deltas++
		return rowsOf(m.list), true, nil
	}
	var anchor int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sync_changes WHERE seq = ?`, m.seq).Scan(&anchor); err != nil {
		return nil, false, err
	}
	if seq < m.seq || anchor == 0 {
		return nil, false, nil
	}
	requests := map[string]bool{}
	children := map[string][]any{} // table → ids of steps or records
	known := true
	n := 0
	if err := eachRow(ctx, q, `SELECT tbl, row_id FROM sync_changes WHERE seq > ? ORDER BY seq LIMIT ?`,
		[]any{m.seq, maxDelta + 1}, func(sc *sql.Rows) error {
			var tbl, id string
			if err := sc.Scan(&tbl, &id); err != nil {
				return err
			}
			n++
			switch tbl {
			case "requests":
				requests[id] = true
			case "request_records", "request_transitions":
				t, _ := syncTableNamed(tbl)
				children[tbl] = append(children[tbl], t.keyArg(id))
			case "audit_log":
			default:
				known = false
			}
			return nil
		}); err != nil {
		return nil, false, err
	}
	if !known || n > maxDelta {
		return nil, false, nil
	}
	for tbl, ids := range children {
		found := 0
		col := "request_id"
		if t, _ := syncTableNamed(tbl); t.byReq {
			col = reqIDOf
		}
		if err := eachRow(ctx, q, `SELECT `+col+` FROM `+tbl+` WHERE id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, ids,
			func(sc *sql.Rows) error {
				var id string
				if err := sc.Scan(&id); err != nil {
					return err
				}
				found++
				requests[id] = true
				return nil
			}); err != nil {
			return nil, false, err
		}
		if found < len(ids) {
			return nil, false, nil // deleted: whose request is not known
		}
	}
	list := make([]*memoRow, 0, len(m.list)+len(requests))
	for _, r := range m.list {
		if !requests[r.row.RequestID] {
			list = append(list, r)
		}
	}
	if len(requests) > 0 {
		ids := make([]any, 0, len(requests))
		for id := range requests {
			ids = append(ids, id)
		}
		where := `req IN (SELECT seq FROM requests WHERE id IN (?` + strings.Repeat(", ?", len(ids)-1) + `)) AND open = 1`
		if dept != "" {
			where, ids = where+` AND department = ?`, append(ids, dept)
		}
		if err := eachRow(ctx, q, `SELECT department, data FROM request_metrics WHERE `+where, ids, func(sc *sql.Rows) error {
			var department, data string
			if err := sc.Scan(&department, &data); err != nil {
				return err
			}
			r, err := decodeMetric(data)
			if err != nil {
				return err
			}
			list = append(list, &memoRow{data: data, row: r})
			return nil
		}); err != nil {
			return nil, false, err
		}
	}
	// In the order of the index the full read follows: department, then
	// the row's text.
	slices.SortFunc(list, func(a, b *memoRow) int {
		if c := strings.Compare(a.row.Department, b.row.Department); c != 0 {
			return c
		}
		return strings.Compare(a.data, b.data)
	})
	m.seq, m.list = seq, list
	m.deltas++
	return rowsOf(list), true, nil
}

// rowsOf copies the kept rows out.
func rowsOf(list []*memoRow) []report.Row {
	out := make([]report.Row, len(list))
	for i, r := range list {
		out[i] = r.row
	}
	return out
}

// openRowMemo keeps the open requests' rows as the last read decoded them,
// by request id, each with the text it was decoded from: a row whose text
// is the same again is taken as it was rather than decoded again (the
// open requests are read by every dashboard; few of them change between
// two). It holds the rows of the last read only, so it never grows beyond
// the open requests. When that read was in a transaction of a store whose
// change log is on (at), list is its rows of dept, in order, as of the
// log's sequence seq (see openRowsSince).
type openRowMemo struct {
	mu   sync.Mutex
	rows map[string]*memoRow
	at   bool
	dept string
	seq  int64
	list []*memoRow
	// deltas counts the reads openRowsSince answered (tests).
	deltas int
}

// memoRow is a decoded row and the text it was decoded from.
type memoRow struct {
	data string
	row  report.Row
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
