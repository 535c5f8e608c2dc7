package bench

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/search"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// firstN yields the first n rows of seq.
func firstN[T any](seq iter.Seq2[T, error], n int) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		i := 0
		for v, err := range seq {
			if i >= n || !yield(v, err) || err != nil {
				return
			}
			i++
		}
	}
}

// ImportWorkbook is the registration table of the newest n requests of st,
// as the app exports it: what a user would import elsewhere.
func ImportWorkbook(ctx context.Context, st *store.Store, n int) ([]byte, error) {
	zone, err := st.Zone(ctx)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	rows, err := xlsx.WriteRegistrations(&buf, firstN(st.Registrations(ctx, request.Query{Sort: request.SortReceivedAt, Desc: true}), n), zone)
	if err != nil {
		return nil, err
	}
	if rows != n {
		return nil, fmt.Errorf("workbook of %d rows, want %d", rows, n)
	}
	return buf.Bytes(), nil
}

// Team is the people list of st, as a team that imports a workbook of its
// own requests has it: receivers and owners must be on the list.
func Team(ctx context.Context, st *store.Store) ([]people.Fields, error) {
	list, err := st.People(ctx)
	if err != nil {
		return nil, err
	}
	team := make([]people.Fields, 0, len(list))
	for _, p := range list {
		team = append(team, people.Fields{Name: p.Name, Department: p.Department, Roles: p.Roles, Active: p.Active})
	}
	return team, nil
}

// emptyDB makes a migrated database with default settings and the team's
// people list, as a new installation has once set up, for copying.
func emptyDB(ctx context.Context, dir string, team []people.Fields) (string, error) {
	path := filepath.Join(dir, "empty.db")
	st, err := store.Open(ctx, path, clock.NewFixed(Now))
	if err != nil {
		return "", err
	}
	if err := st.EnsureSettings(ctx, settings.Defaults("基准测试")); err != nil {
		st.Close()
		return "", err
	}
	have, err := st.People(ctx)
	if err != nil {
		st.Close()
		return "", err
	}
	for _, f := range team {
		id, version := "", int64(0)
		for _, p := range have {
			if p.Name == f.Name {
				id, version = p.ID, p.Version
			}
		}
		if _, err := command.Run(ctx, command.New(st), command.SavePerson{ID: id, Version: version, Fields: f}); err != nil {
			st.Close()
			return "", fmt.Errorf("person %s: %w", f.Name, err)
		}
	}
	return path, st.Close()
}

// tableRows are rows read from one table, to be written again.
type tableRows struct {
	table string
	cols  []string
	rows  [][]any
}

// ImportOp imports a workbook of n requests into a new database through
// internal/xlsx and the store (parse, check, one all-or-nothing
// transaction); the floor writes the same rows (requests, customers,
// contacts, clocks, transitions, derived measure rows, number sequences,
// audit entries, search text) with
// batched multi-row INSERTs in one transaction through modernc.org/sqlite.
// Each run starts from a fresh copy of an empty database, made untimed.
func ImportOp(ctx context.Context, data []byte, n int, team []people.Fields, dir string) (Op, func(), error) {
	empty, err := emptyDB(ctx, dir, team)
	if err != nil {
		return Op{}, nil, err
	}
	runs := 0
	fresh := func() (string, error) {
		runs++
		d := filepath.Join(dir, "run-"+strconv.Itoa(runs))
		if err := os.MkdirAll(d, 0o755); err != nil {
			return "", err
		}
		return Copy(empty, d)
	}
	var closeLast func() error // the previous run's database, closed untimed
	done := func() {
		if closeLast != nil {
			_ = closeLast()
			closeLast = nil
		}
		_ = os.RemoveAll(filepath.Join(dir, "run-"+strconv.Itoa(runs)))
	}
	// One import, untimed, gives the rows the floor writes.
	path, err := fresh()
	if err != nil {
		return Op{}, nil, err
	}
	var auditBefore int64
	db, err := Raw(path)
	if err != nil {
		return Op{}, nil, err
	}
	err = db.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM audit_log`).Scan(&auditBefore)
	db.Close()
	if err != nil {
		return Op{}, nil, err
	}
	st, err := store.Open(ctx, path, clock.NewFixed(Now))
	if err != nil {
		return Op{}, nil, err
	}
	if rep, err := command.ImportWorkbook(ctx, command.New(st), data, false); err != nil || !rep.Applied || rep.Created != n {
		st.Close()
		return Op{}, nil, fmt.Errorf("import: %+v, %v", rep, err)
	}
	st.Close()
	tables, err := readTables(path, auditBefore)
	if err != nil {
		return Op{}, nil, err
	}
	total := 0
	for _, t := range tables {
		total += len(t.rows)
	}
	var prepared string
	prepare := func() error {
		done()
		p, err := fresh()
		prepared = p
		return err
	}
	op := Op{Name: fmt.Sprintf("import %d rows (workbook → check → one transaction; %d rows written)", n, total),
		Prepare: prepare,
		Run: func() error {
			st, err := store.Open(ctx, prepared, clock.NewFixed(Now))
			if err != nil {
				return err
			}
			closeLast = st.Close
			rep, err := command.ImportWorkbook(ctx, command.New(st), data, false)
			if err == nil && (!rep.Applied || rep.Created != n) {
				err = fmt.Errorf("import created %d of %d", rep.Created, n)
			}
			return err
		},
		Floor: func() error {
			db, err := Raw(prepared)
			if err != nil {
				return err
			}
			closeLast = db.Close
			return rawInsert(ctx, db, tables)
		},
		Target: 3 * time.Second, MinShare: 0.8, Runs: 5,
		Why: "CPU profile (10,000 rows, on an idle machine): the writing connection's SQLite work is about the floor's; " +
			"reading the workbook (0.3 s of CPU: unzipping and scanning the XML), checking the rows (0.15 s) and deriving " +
			"clocks and measure rows (0.2 s) are the import's own, while the audit entries' JSON and the search texts are " +
			"made on a second goroutine beside the writing. On a loaded machine the wall time exceeds the CPU time"}
	return op, done, nil
}

// readTables reads what an import wrote into a fresh database: every row of
// the tables it fills (the transitions of rows imported past 已登记 and the
// derived measure rows included), the audit entries after auditBefore, and
// the search text of each request.
func readTables(path string, auditBefore int64) ([]tableRows, error) {
	db, err := Raw(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var out []tableRows
	for _, q := range []struct{ table, query string }{
		{"customers", `SELECT * FROM customers`},
		{"contacts", `SELECT * FROM contacts`},
		{"requests", `SELECT * FROM requests`},
		{"request_clocks", `SELECT * FROM request_clocks`},
		{"request_transitions", `SELECT * FROM request_transitions`},
		{"request_metrics", `SELECT * FROM request_metrics`},
		{"number_sequences", `SELECT * FROM number_sequences`},
		{"audit_log", `SELECT id, at, actor, entity, entity_id, action, changes FROM audit_log WHERE seq > ` +
			strconv.FormatInt(auditBefore, 10)},
		{"request_fts", `SELECT r.seq, r.number, r.title, r.description, c.name FROM requests r JOIN customers c ON c.id = r.customer_id`},
	} {
		rows, err := db.Query(q.query)
		if err != nil {
			return nil, err
		}
		cols, _ := rows.Columns()
		t := tableRows{table: q.table, cols: cols}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, err
			}
			if q.table == "request_fts" {
				s := func(v any) string { b, _ := v.(string); return b }
				doc := search.Index(s(vals[1]), s(vals[2]), s(vals[3]), s(vals[4]))
				vals = []any{vals[0], doc.Bigrams, doc.Unigrams}
			}
			t.rows = append(t.rows, vals)
		}
		rows.Close()
		if q.table == "request_fts" {
			t.cols = []string{"rowid", "bi", "uni"}
		}
		out = append(out, t)
	}
	return out, nil
}

// rawInsert writes the rows with prepared 100-row INSERTs in one transaction.
func rawInsert(ctx context.Context, db *sql.DB, tables []tableRows) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, t := range tables {
		row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(t.cols)), ", ") + ")"
		stmt := func(n int) string {
			return `INSERT INTO ` + t.table + ` (` + strings.Join(t.cols, ", ") + `) VALUES ` +
				strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
		}
		var full *sql.Stmt
		for i := 0; i < len(t.rows); i += 100 {
			chunk := t.rows[i:min(i+100, len(t.rows))]
			args := make([]any, 0, len(chunk)*len(t.cols))
			for _, r := range chunk {
				args = append(args, r...)
			}
			if len(chunk) == 100 {
				if full == nil {
					if full, err = tx.PrepareContext(ctx, stmt(100)); err != nil {
						return err
					}
					defer full.Close()
				}
				_, err = full.ExecContext(ctx, args...)
			} else {
				_, err = tx.ExecContext(ctx, stmt(len(chunk)), args...)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", t.table, err)
			}
		}
	}
	return tx.Commit()
}

// ExportResult is one export of the registration table.
type ExportResult struct {
	Rows     int     `json:"rows"`
	Seconds  float64 `json:"seconds"`
	PeakHeap float64 `json:"peakHeapMB"` // largest Go heap (objects) seen, sampled every 10 ms
	PeakRSS  float64 `json:"peakRSSMB"`  // the process's VmHWM at the end, 0 when unknown
}

// Export writes the registration table of every request in st to a file in
// dir, sampling the Go heap (runtime/metrics) as it goes. The bench command
// runs it in a child process of its own, so that VmHWM is the export's.
func Export(ctx context.Context, st *store.Store, dir string) (ExportResult, error) {
	f, err := os.Create(filepath.Join(dir, "export.xlsx"))
	if err != nil {
		return ExportResult{}, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	var peak uint64
	stop := sampleHeap(&peak)
	start := time.Now()
	n, err := xlsx.Export(ctx, f, st, xlsx.KindRegistrations, request.Query{})
	elapsed := time.Since(start)
	stop()
	if err == nil {
		err = f.Close()
	}
	return ExportResult{Rows: n, Seconds: elapsed.Seconds(), PeakHeap: float64(peak) / (1 << 20), PeakRSS: float64(PeakRSSKiB("self")) / 1024}, err
}

// sampleHeap records the largest heap seen until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			*peak = max(*peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// PeakRSSKiB and RSSKiB read a process's peak and current resident memory
// (VmHWM, VmRSS) from /proc/PID/status; 0 when unknown.
func PeakRSSKiB(pid string) int64 { return procStatus(pid, "VmHWM:") }

// RSSKiB is the current resident memory of a process; see PeakRSSKiB.
func RSSKiB(pid string) int64 { return procStatus(pid, "VmRSS:") }

func procStatus(pid, key string) int64 {
	f, err := os.Open("/proc/" + pid + "/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	b, _ := io.ReadAll(f)
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}
