// Package bench measures ReqDesk's operations on a generated database
// (internal/demo.Bulk) and, where one exists, a floor: the same work done
// by hand-written SQL through modernc.org/sqlite in the same run. `make
// bench` runs it through bench/cmd and writes bench/results.md.
package bench

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/demo"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/reportfile"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/search"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// Now is the fixed present of generated databases, so a seed always gives
// the same data.
var Now = time.Date(2026, 11, 20, 15, 0, 0, 0, time.Local)

// Database returns the path of a generated database of n requests, made on
// first use and cached under os.TempDir() by seed, size, schema version and
// generator version. How long the making took is kept beside it (see
// Generated).
func Database(ctx context.Context, seed int64, n int) (string, error) {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("reqdesk-bench-s%d-n%d-v%d-g%d", seed, n, store.LatestSchema(), demo.BulkVersion))
	path := filepath.Join(dir, "reqdesk.db")
	if _, err := os.Stat(filepath.Join(dir, "complete")); err == nil {
		return path, nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	st, err := store.Open(ctx, path, clock.NewFixed(Now))
	if err != nil {
		return "", err
	}
	defer st.Close()
	if err := st.EnsureSettings(ctx, settings.Defaults("基准测试")); err != nil {
		return "", err
	}
	g := Generation{When: time.Now(), LoadBefore: loadAvg()}
	cpu := cpuTime()
	counts, err := demo.Bulk(ctx, st, demo.Options{Customers: max(1, n/50), Requests: n, Seed: seed})
	if err != nil {
		return "", err
	}
	if err := st.Close(); err != nil {
		return "", err
	}
	g.Seconds, g.CPUSeconds = time.Since(g.When).Seconds(), (cpuTime() - cpu).Seconds()
	g.LoadAfter, g.Rows = loadAvg(), counts.Total()
	if fi, err := os.Stat(path); err == nil {
		g.MB = float64(fi.Size()) / (1 << 20)
	}
	b, _ := json.Marshal(g)
	return path, os.WriteFile(filepath.Join(dir, "complete"), b, 0o644)
}

// Generation says how a cached database was made: demo.Bulk's wall and CPU
// time (user and system, this process), the rows written, the file's size,
// and the machine's load average (1 minute) before and after.
type Generation struct {
	When                  time.Time `json:"when"`
	Seconds, CPUSeconds   float64
	Rows                  int
	MB                    float64
	LoadBefore, LoadAfter string
}

// Generated reads how the database at path was made; ok is false for a
// cache made before this was recorded.
func Generated(path string) (g Generation, ok bool) {
	b, err := os.ReadFile(filepath.Join(filepath.Dir(path), "complete"))
	if err != nil || json.Unmarshal(b, &g) != nil {
		return g, false
	}
	return g, true
}

// GenerationResult is the table's row for making the data set.
func GenerationResult(n int, g Generation) Result {
	d := time.Duration(g.Seconds * float64(time.Second))
	// KB and MB of 1024 bytes and 1024 KB, as g.MB.
	return Result{Op: Op{Name: fmt.Sprintf("generate the data set: %d requests, %d rows, %.0f MB, %.1f KB a request (demo.Bulk)",
		n, g.Rows, g.MB, g.MB*1024/float64(max(n, 1))),
		Target: time.Minute, Why: "CPU profile (57–64 s in all): the lifecycle walk with the state machine's and SaveRecord's checks " +
			"on two worker goroutines 26 s (request.DecodeBody 11 s, of it dropEmpty's JSON round trip 6 s; request.Summarize 5 s), " +
			"the one writer's SQLite inserts of 3.5 M rows 22 s, building the indexes and merging the search index at the end 7 s; " +
			"so on two idle cores about half the CPU time, and the wall time here rises with the load average"},
		Runs: 1, Median: d, P95: d,
		MedianText: fmt.Sprintf("%.1f s", g.Seconds), P95Text: fmt.Sprintf("%.1f s", g.Seconds),
		TargetText: "well under a minute",
		Met: fmt.Sprintf("%s (CPU %.1f s on 2 cores; load average %s before, %s after; made %s)",
			verdict(g.Seconds < 60), g.CPUSeconds, g.LoadBefore, g.LoadAfter, g.When.Format("2006-01-02 15:04"))}
}

// StorageResult is the table's row for the room the data set takes: its
// file as demo.Bulk writes it, a request's share in KB of 1024 bytes.
func StorageResult(n int, g Generation) Result {
	kb := g.MB * 1024 / float64(max(n, 1))
	text := fmt.Sprintf("%.2f KB", kb)
	return Result{Op: Op{Name: fmt.Sprintf("storage per request: the data set's file of %d requests as demo.Bulk writes it", n)},
		Runs: 1, MedianText: text, P95Text: text, TargetText: "≤ 6 KB a request",
		Met: fmt.Sprintf("%s (%.0f MB; KB and MB of 1024 bytes and 1024 KB)", verdict(kb <= 6), g.MB)}
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadAvg is the machine's 1-minute load average ("" when unknown).
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// Copy copies a database (checkpointed by its last Close) for operations
// that write, so the cached one stays as generated. The copy is on disk when
// it returns: left to the OS to write back, its 1.3 GB were still being
// written while the first start of the day ran on it, seconds later, and
// that start's reads and commits waited behind them (a real first start
// opens a file written the day before).
func Copy(src, dir string) (string, error) {
	dst := filepath.Join(dir, "reqdesk.db")
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return "", err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return "", err
	}
	return dst, out.Close()
}

// Raw opens a database the way the store does (same pragmas), for floors.
func Raw(path string) (*sql.DB, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode()+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// Op is one measured operation and, if it has one, its floor.
type Op struct {
	Name   string
	Run    func() error
	Floor  func() error // nil: no floor
	Target time.Duration
	Note   string
	Why    string // why the target is missed, from a profile; shown only then
	Runs   int    // 0: as many as the others
	// Prepare, when set, runs untimed before each run of Run and Floor.
	Prepare func() error
	// MinShare, when set, compares throughput: the operation must reach
	// this share of the floor's (floor median / median).
	MinShare float64
	// MaxRatio, when set, is the most the operation may take of its
	// floor's time (p95 against p95, as the table shows).
	MaxRatio float64
}

// Result is what measuring an Op gave. Rows that are not timings (memory)
// or need more than a time say so in the text fields.
type Result struct {
	Op                    Op
	Median, P95           time.Duration
	FloorMedian, FloorP95 time.Duration
	Runs                  int
	Err                   error

	MedianText, P95Text string // replace the times when set (e.g. "132 MB")
	TargetText          string // replaces the target when set
	Met                 string // replaces the verdict when set
}

// Measure runs fn n times (after one warm-up) and returns the median and
// 95th percentile.
func Measure(n int, fn func() error) (median, p95 time.Duration, err error) {
	return MeasureWith(n, nil, fn)
}

// MeasureWith is Measure with an untimed prepare (if not nil) before each run.
func MeasureWith(n int, prepare, fn func() error) (median, p95 time.Duration, err error) {
	if prepare == nil {
		prepare = func() error { return nil }
	}
	if err := prepare(); err != nil {
		return 0, 0, err
	}
	if err := fn(); err != nil {
		return 0, 0, err
	}
	ds := make([]time.Duration, n)
	for i := range ds {
		if err := prepare(); err != nil {
			return 0, 0, err
		}
		start := time.Now()
		if err := fn(); err != nil {
			return 0, 0, err
		}
		ds[i] = time.Since(start)
	}
	median, p95 = Percentiles(ds)
	return median, p95, nil
}

// Percentiles returns the median and the 95th percentile of ds (sorting it).
func Percentiles[T int64 | time.Duration](ds []T) (median, p95 T) {
	if len(ds) == 0 {
		return 0, 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2], ds[min(len(ds)-1, (len(ds)*95+99)/100-1)]
}

// Run measures each op n times (or its own Runs), its floor in the same run.
func Run(ops []Op, n int) []Result {
	out := make([]Result, 0, len(ops))
	for _, op := range ops {
		runs := n
		if op.Runs > 0 {
			runs = op.Runs
		}
		r := Result{Op: op, Runs: runs}
		r.Median, r.P95, r.Err = MeasureWith(runs, op.Prepare, op.Run)
		if r.Err == nil && op.Floor != nil {
			r.FloorMedian, r.FloorP95, r.Err = MeasureWith(runs, op.Prepare, op.Floor)
		}
		out = append(out, r)
	}
	return out
}

// ms renders a duration in milliseconds.
func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

// Table renders results as a markdown table.
func Table(rs []Result) string {
	var b strings.Builder
	b.WriteString("| operation | runs | median | p95 | floor median | floor p95 | vs floor | target | met |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---|---|\n")
	for _, r := range rs {
		if r.Err != nil {
			fmt.Fprintf(&b, "| %s | – | error: %s | | | | | | |\n", r.Op.Name, strings.ReplaceAll(r.Err.Error(), "|", "/"))
			continue
		}
		med, p95 := ms(r.Median), ms(r.P95)
		if r.MedianText != "" {
			med, p95 = r.MedianText, r.P95Text
		}
		floorMed, floorP95, ratio := "–", "–", "–"
		if r.Op.Floor != nil {
			floorMed, floorP95 = ms(r.FloorMedian), ms(r.FloorP95)
			ratio = fmt.Sprintf("%.2f×", float64(r.P95)/float64(max(r.FloorP95, 1)))
		}
		target, met := "–", "–"
		if r.Op.Target > 0 {
			target = "p95 < " + r.Op.Target.String()
			met = "yes"
			if r.P95 >= r.Op.Target {
				met = "**MISSED**"
			}
		}
		if r.Op.MinShare > 0 && r.Op.Floor != nil {
			if met == "–" {
				met = "yes"
			}
			share := float64(r.FloorMedian) / float64(max(r.Median, 1))
			ratio = fmt.Sprintf("%.2f× (throughput %.0f%% of floor)", float64(r.Median)/float64(max(r.FloorMedian, 1)), 100*share)
			target += fmt.Sprintf(", throughput ≥ %.0f%% of floor", 100*r.Op.MinShare)
			if share < r.Op.MinShare {
				met = "**MISSED**"
			}
		}
		if r.Op.MaxRatio > 0 && r.Op.Floor != nil {
			target += fmt.Sprintf(", ≤ %.1f× floor", r.Op.MaxRatio)
			if met == "–" {
				met = "yes"
			}
			if float64(r.P95) > r.Op.MaxRatio*float64(max(r.FloorP95, 1)) {
				met = "**MISSED**"
			}
		}
		if r.TargetText != "" {
			target = r.TargetText
		}
		if r.Met != "" {
			met = r.Met
		}
		if r.Op.Note != "" {
			met += " (" + r.Op.Note + ")"
		}
		if strings.HasPrefix(met, "**MISSED**") && r.Op.Why != "" {
			met += " — " + r.Op.Why
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %s | %s | %s |\n", r.Op.Name, r.Runs, med, p95,
			floorMed, floorP95, ratio, target, met)
	}
	return b.String()
}

// listColumns are the columns of a list row, as the store reads them.
const listColumns = `r.id, r.number, r.customer_id, c.name, r.contact_name, r.contact_info, r.channel, r.type, r.urgency,
	r.title, r.received_at, r.received_by, r.status, r.owner, r.department, r.updated_at`

// rawPage is the hand-written equivalent of a list page: the count and 50
// rows of the filter, newest first.
func rawPage(ctx context.Context, db *sql.DB, where string, args ...any) error {
	var total int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM requests r WHERE `+where, args...).Scan(&total); err != nil {
		return err
	}
	rows, err := db.QueryContext(ctx, `SELECT `+listColumns+` FROM requests r JOIN customers c ON c.id = r.customer_id
		WHERE `+where+` ORDER BY r.received_at DESC, r.seq DESC LIMIT 50`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var v [16]sql.NullString
		ptrs := make([]any, len(v))
		for i := range v {
			ptrs[i] = &v[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		n++
	}
	if n == 0 && total > 0 {
		return fmt.Errorf("raw page: no rows of %d", total)
	}
	return rows.Err()
}

// samePage checks that the store's page for q holds the rows the
// exhaustive query (floor) finds, in its order.
func samePage(ctx context.Context, st *store.Store, raw *sql.DB, q request.Query, where string, args []any) error {
	page, err := st.ListRequests(ctx, q)
	if err != nil {
		return err
	}
	rows, err := raw.QueryContext(ctx, `SELECT r.id FROM requests r WHERE `+where+`
		ORDER BY r.received_at DESC, r.seq DESC LIMIT ?`, append(append([]any{}, args...), q.Limit)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	i := 0
	for ; rows.Next(); i++ {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		if i >= len(page.Items) || page.Items[i].ID != id {
			return fmt.Errorf("row %d of the page differs from the exhaustive query's", i+1)
		}
	}
	if i != len(page.Items) {
		return fmt.Errorf("the page has %d rows, the exhaustive query %d", len(page.Items), i)
	}
	return rows.Err()
}

// ReadOps are the operations that only read: list page, searches, detail.
func ReadOps(ctx context.Context, st *store.Store, raw *sql.DB) ([]Op, error) {
	listQ := request.Query{Statuses: []request.Status{request.StatusImplementation, request.StatusHandling, request.StatusAssigned,
		request.StatusTriaged, request.StatusRegistered}, Urgencies: []request.Urgency{request.UrgencyUrgent, request.UrgencyImportant},
		Sort: request.SortReceivedAt, Desc: true, Limit: 50}
	page, err := st.ListRequests(ctx, request.Query{Statuses: []request.Status{request.StatusArchived},
		Sort: request.SortReceivedAt, Desc: true, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(page.Items) == 0 {
		return nil, fmt.Errorf("the database has no requests")
	}
	detailID := page.Items[0].ID
	list := func(q request.Query) func() error {
		return func() error { _, err := st.ListRequests(ctx, q); return err }
	}
	var total int
	if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM requests`).Scan(&total); err != nil {
		return nil, err
	}
	// A search's first page, newest first, as the list opens it: the page
	// reads the matches newest first and stops, its total a lower bound;
	// the floor counts every match and sorts them all.
	// The page must hold the floor's rows, in its order.
	find := func(kind, words string, filter request.Query, where string, args ...any) (Op, error) {
		q := filter
		q.Search, q.Sort, q.Desc, q.Limit = words, request.SortReceivedAt, true, 50
		match := search.Match(words)
		cond := `r.seq IN (SELECT rowid FROM request_fts WHERE request_fts MATCH ?)`
		if where != "" {
			cond = where + " AND " + cond
		}
		fargs := append(append([]any{}, args...), match)
		var hits int
		if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM request_fts WHERE request_fts MATCH ?`, match).Scan(&hits); err != nil {
			return Op{}, err
		}
		if err := samePage(ctx, st, raw, q, cond, fargs); err != nil {
			return Op{}, fmt.Errorf("search %s: %w", words, err)
		}
		// What no page of this search can beat: the search index's
		// lookup of its matches alone, no request read.
		lookup, _, err := Measure(101, func() error {
			rows, err := raw.QueryContext(ctx, `SELECT rowid FROM request_fts WHERE request_fts MATCH ?`, match)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
			}
			return rows.Err()
		})
		if err != nil {
			return Op{}, err
		}
		return Op{Name: fmt.Sprintf("search %s (%s, in %d of %d requests), first page of 50", kind, words, hits, total), Run: list(q),
			Floor:  func() error { return rawPage(ctx, raw, cond, fargs...) },
			Target: 50 * time.Millisecond, MaxRatio: 0.2,
			Why: fmt.Sprintf("a word with fewer matches than a page leaves nothing to skip: the search index's lookup of its "+
				"matches alone, no request read, takes %s (median) in this run: divided by the floor's median, the least ratio "+
				"any page could have; the page looks up every match once, reads the page's rows and adds their "+
				"snippets and clocks, where the floor looks them up twice (count and page). With many matches only the "+
				"machine's load moves the p95 (compare the medians)", ms(lookup))}, nil
	}
	// The total the list asks for after such a page (counted up to
	// request.TotalCap), and the exact one when the user clicks 精确统计.
	count := func(label string, q request.Query, cond string, args ...any) Op {
		return Op{Name: label, Run: func() error {
			_, err := st.TotalRequests(ctx, q)
			return err
		}, Floor: func() error {
			var n int
			return raw.QueryRowContext(ctx, `SELECT count(*) FROM requests r WHERE `+cond, args...).Scan(&n)
		}, Note: "floor: count(*) of every match"}
	}
	ftsCond := `r.seq IN (SELECT rowid FROM request_fts WHERE request_fts MATCH ?)`
	openFilter := request.Query{Statuses: listQ.Statuses, Urgencies: listQ.Urgencies}
	openWhere := `r.status IN (?, ?, ?, ?, ?) AND r.urgency IN (?, ?)`
	openArgs := []any{"implementation", "handling", "assigned", "triaged", "registered", "urgent", "important"}
	var finds []Op
	for _, f := range []struct {
		kind, words string
		filter      request.Query
		where       string
		args        []any
	}{
		{"2 characters, common", "对接", request.Query{}, "", nil},
		{"4 characters", "数据迁移", request.Query{}, "", nil},
		{"rare (a customer)", "北京华信", request.Query{}, "", nil},
		{"2 characters, urgent and important", "对接", request.Query{Urgencies: listQ.Urgencies}, `r.urgency IN (?, ?)`, []any{"urgent", "important"}},
		{"2 characters, 5 open statuses and 2 urgencies", "对接", openFilter, openWhere, openArgs},
	} {
		op, err := find(f.kind, f.words, f.filter, f.where, f.args...)
		if err != nil {
			return nil, err
		}
		finds = append(finds, op)
	}
	common := request.Query{Search: "对接"}
	urgent := request.Query{Search: "对接", Urgencies: listQ.Urgencies}
	exact := func(q request.Query) request.Query { q.ExactTotal = true; return q }
	finds = append(finds,
		count("total after the page, counted up to 10,000 (对接)", common, ftsCond, search.Match("对接")),
		count("total after the page, counted up to 10,000 (对接, urgent and important)", urgent,
			`r.urgency IN (?, ?) AND `+ftsCond, "urgent", "important", search.Match("对接")),
		count("exact count when asked, 精确统计 (对接)", exact(common), ftsCond, search.Match("对接")),
		count("exact count when asked, 精确统计 (对接, urgent and important)", exact(urgent),
			`r.urgency IN (?, ?) AND `+ftsCond, "urgent", "important", search.Match("对接")))
	ops := []Op{{Name: "list page of 50 (5 statuses, 2 urgencies, newest first)", Run: list(listQ), Floor: func() error {
		return rawPage(ctx, raw, `r.status IN (?, ?, ?, ?, ?) AND r.urgency IN (?, ?)`, "implementation", "handling",
			"assigned", "triaged", "registered", "urgent", "important")
	}, Target: 20 * time.Millisecond, Note: "and ≤ 2× floor"}}
	ops = append(ops, finds...)
	ops = append(ops, Op{Name: "request detail with records, history, clocks", Run: func() error {
		d, err := st.Request(ctx, detailID)
		if err == nil && len(d.Records) == 0 {
			err = fmt.Errorf("detail without records")
		}
		return err
	}, Target: 10 * time.Millisecond})
	return append(ops, reportOps(ctx, st, raw)...), nil
}

// reportOps measure the dashboard, the monthly report's numbers and the
// quarterly report PDF for the month and quarter of the store's clock.
// The dashboard is measured as it is opened after a change (the sums of
// the compared months kept), again with nothing changed, and as it is
// first opened after every one of those months changed (raw drops the kept
// sums before each run).
func reportOps(ctx context.Context, st *store.Store, raw *sql.DB) []Op {
	now := st.Now()
	zone, err := st.Zone(ctx) // report periods are of the company's zone
	if err != nil {
		zone = time.Local // the dashboard's run reports the error
	}
	month := report.Month(now.Year(), now.Month(), zone)
	quarter := fmt.Sprintf("%dQ%d", now.Year(), (int(now.Month())-1)/3+1)
	return []Op{
		// The store keeps a dashboard while the data stays as it was: the
		// first row commits a change before each run (as a team server's
		// push does between two openings), the second opens it again.
		{Name: "dashboard (all widgets), this month, after a change was committed", Run: func() error {
			_, err := st.Dashboard(ctx, month, "")
			return err
		}, Prepare: func() error {
			// Two commits that change the row and change it back: SQLite
			// counts no change for an update that writes what was there
			// (the row once set value = value, and measured a lookup).
			if _, err := raw.ExecContext(ctx, `UPDATE settings SET value = value || ' ' WHERE key = 'companyName'`); err != nil {
				return err
			}
			_, err := raw.ExecContext(ctx, `UPDATE settings SET value = rtrim(value) WHERE key = 'companyName'`)
			return err
		}, Target: 150 * time.Millisecond,
			Why: "SQLite empties every other connection's page cache at each commit, so after a change the record " +
				"measures' 7,000 records of the two months and the measure rows are read again from the file, a system " +
				"call a page; a server's readers map the file (store.MapReads: 71 ms median, p95 106 ms), a laptop's do " +
				"not, since a read error of a mapped page would end the program. Next: keep a period's record measures " +
				"until its records change"},
		{Name: "dashboard again, nothing changed (kept for the data version)", Run: func() error {
			_, err := st.Dashboard(ctx, month, "")
			return err
		}},
		{Name: "dashboard, first opening after its 12 compared months all changed (no kept sums)", Run: func() error {
			_, err := st.Dashboard(ctx, month, "")
			return err
		}, Prepare: func() error {
			_, err := raw.ExecContext(ctx, `DELETE FROM metric_sums`)
			return err
		}, Runs: 20, Note: "reads and sums 13 months of rows, keeps the sums"},
		{Name: "monthly report numbers (客户需求分析报告)", Run: func() error {
			_, err := st.LiveReport(ctx, report.KindMonthly, month.Key, "")
			return err
		}},
		{Name: "quarterly report PDF (季度评估报告), numbers and rendering", Run: func() error {
			doc, err := reportfile.Gather(ctx, st, report.KindQuarterly, quarter, "", "")
			if err != nil {
				return err
			}
			_, err = reportfile.PDF(doc)
			return err
		}, Target: time.Second},
	}
}

// RemoveFloorRows deletes the requests the write floor inserted (ids
// "raw-…") with their search text and audit entries. The floor writes no
// derived rows (clocks, measure row): left in the copy, they made the first
// start after the write phase derive the rows of 400 requests as it opened
// the database (store.RebuildMetrics, what a restore of a database written
// before measure rows existed calls for), which the later starts and a real
// first start of a day do not; that start was 1.8× the others.
func RemoveFloorRows(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{
		`DELETE FROM request_fts WHERE rowid IN (SELECT seq FROM requests WHERE id LIKE 'raw-%')`,
		`DELETE FROM audit_log WHERE entity = 'request' AND entity_id LIKE 'raw-%'`,
		`DELETE FROM requests WHERE id LIKE 'raw-%'`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return tx.Commit()
}

// WriteOps are create and update, on a store over a copy of the database;
// the floor writes the same request, its search text and audit entry with
// plain INSERTs in one transaction.
func WriteOps(ctx context.Context, st *store.Store, raw *sql.DB) ([]Op, error) {
	page, err := st.ListRequests(ctx, request.Query{Statuses: []request.Status{request.StatusRegistered}, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(page.Items) == 0 {
		return nil, fmt.Errorf("no registered request to update")
	}
	d, err := st.Request(ctx, page.Items[0].ID)
	if err != nil {
		return nil, err
	}
	base := d.Request.Fields
	base.ReceivedAt = Now.Add(-time.Hour)
	actx := audit.WithActor(ctx, "李娜")
	cmds := command.New(st)
	n := 0
	create := func() error {
		n++
		f := base
		f.Title = fmt.Sprintf("%s（第%d次）", base.Title, n)
		_, err := command.Run(actx, cmds, command.CreateRequest{Fields: f})
		return err
	}
	cur := d.Request
	update := func() error {
		n++
		f := cur.Fields
		f.Title = fmt.Sprintf("%s（修改%d）", base.Title, n)
		r, err := command.Run(actx, cmds, command.UpdateRequest{ID: cur.ID, Version: cur.Version, Fields: f})
		cur = r
		return err
	}
	rawCreate := func() error {
		n++
		tx, err := raw.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		f, now := base, time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
		id, number := fmt.Sprintf("raw-%d-%d", time.Now().UnixNano(), n), fmt.Sprintf("RAW-%d-%d", time.Now().UnixNano(), n)
		title := fmt.Sprintf("%s（第%d次）", base.Title, n)
		res, err := tx.ExecContext(ctx, `INSERT INTO requests (id, number, status, customer_id, contact_id, contact_name,
			contact_info, channel, type, category, urgency, impact_scope, title, description, background, expected_outcome,
			time_requirement, scene, product, received_at, received_by, owner, department, path, created_at, updated_at, version)
			VALUES (?, ?, 'registered', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', 'full', ?, ?, 1)`,
			id, number, f.CustomerID, f.ContactID, f.ContactName, f.ContactInfo, f.Channel, f.Type, f.Category, f.Urgency,
			f.ImpactScope, title, f.Description, f.Background, f.ExpectedOutcome, f.TimeRequirement, f.Scene, f.Product,
			now, f.ReceivedBy, now, now)
		if err != nil {
			return err
		}
		seq, err := res.LastInsertId()
		if err != nil {
			return err
		}
		doc := search.Index(number, title, f.Description, d.Customer.Name)
		if _, err := tx.ExecContext(ctx, `INSERT INTO request_fts (rowid, bi, uni) VALUES (?, ?, ?)`, seq, doc.Bigrams, doc.Unigrams); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (id, at, actor, entity, entity_id, action, changes)
			VALUES (?, ?, '李娜', 'request', ?, 'create', ?)`, id+"-a", time.Now().UnixMilli(), id, `{"+title":"`+title+`"}`); err != nil {
			return err
		}
		return tx.Commit()
	}
	return []Op{
		{Name: "create a request (number, search text, clocks, audit)", Run: create, Floor: rawCreate, Target: 10 * time.Millisecond,
			Why: "the median is a few ms; the p95 follows the shared machine's load (see the load average above): the raw " +
				"INSERT floor's p95 rises with it"},
		{Name: "update a request", Run: update, Floor: rawCreate, Note: "floor: raw insert"},
	}, nil
}
