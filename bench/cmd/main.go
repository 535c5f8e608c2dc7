// Command bench measures ReqDesk's operations on a generated database and
// writes the table to bench/results.md (see package bench).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/bench"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/store"
)

func main() {
	var c config
	flag.Int64Var(&c.seed, "seed", 1, "seed of the generated database")
	flag.IntVar(&c.n, "requests", 100000, "requests in the generated database")
	flag.IntVar(&c.runs, "runs", 200, "runs of each quick operation")
	flag.IntVar(&c.starts, "starts", 9, "cold starts of the program")
	flag.IntVar(&c.exports, "exports", 3, "runs of the export (each in a child process)")
	flag.StringVar(&c.bin, "bin", "build/bin/reqdesk", "the program whose start is measured (make build)")
	flag.StringVar(&c.out, "out", "", "also write the table to this markdown file")
	flag.StringVar(&c.child, "child-export", "", "internal: export every request of this database and print the result")
	flag.StringVar(&c.only, "only", "", "run only these phases, comma-separated: read, export, write, import, start, sync (the table is printed, never written to -out)")
	flag.StringVar(&c.syncParts, "sync-parts", "", "with the sync phase, only these of its rows, comma-separated: push, pull, empty, load (the join is always made)")
	flag.BoolVar(&c.syncLoad, "sync-load-only", false, "in the sync phase, run only the server under load (200 laptops, 50 browser users), not the join, push, pull and empty round before it")
	flag.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	flag.Parse()
	if err := run(c); err != nil {
		log.Fatal(err)
	}
}

// config is the command line.
type config struct {
	seed                     int64
	n, runs, starts, exports int
	bin, out, child, only    string
	syncParts, cpuProfile    string
	syncLoad                 bool
}

// run is the whole command. It returns its error rather than ending the
// program, so that its deferred clean-up (the run's copies of the 100k
// database in $TMPDIR, the CPU profile) is done on a failure as well.
func run(c config) error {
	ctx := context.Background()
	phase, err := phases(c.only)
	if err != nil {
		return err
	}
	if c.cpuProfile != "" {
		f, err := os.Create(c.cpuProfile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if c.only != "" && c.out != "" {
		return errors.New("-only measures part of the table: leave out -out so bench/results.md keeps every row")
	}
	if c.child != "" {
		return childExport(ctx, c.child)
	}

	start := time.Now()
	path, err := bench.Database(ctx, c.seed, c.n)
	if err != nil {
		return err
	}
	log.Printf("database %s ready in %s", path, time.Since(start).Round(time.Millisecond))
	var results []bench.Result
	if g, ok := bench.Generated(path); ok {
		results = append(results, bench.GenerationResult(c.n, g), bench.StorageResult(c.n, g))
	}
	loadBefore := loadAvg()
	calib, closeCalib, err := bench.CalibrationOps(ctx)
	if err != nil {
		return err
	}
	results = append(bench.Run(calib, c.runs), results...)
	closeCalib()
	tmp, err := os.MkdirTemp("", "reqdesk-bench-run-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	st, err := store.Open(ctx, path, clock.NewFixed(bench.Now))
	if err != nil {
		return err
	}
	// As the program does in the background after start-up.
	if err := st.Optimize(ctx); err != nil {
		return err
	}
	raw, err := bench.Raw(path)
	if err != nil {
		return err
	}
	ops, err := bench.ReadOps(ctx, st, raw)
	if err != nil {
		return err
	}
	if phase("read") {
		log.Print("reading")
		results = append(results, bench.Run(ops, c.runs)...)
	}
	const importRows = 10000
	workbook, err := bench.ImportWorkbook(ctx, st, min(importRows, c.n))
	if err != nil {
		return err
	}
	team, err := bench.Team(ctx, st)
	if err != nil {
		return err
	}
	st.Close()
	raw.Close()

	if phase("export") {
		log.Print("exporting, each run in a child process")
		results = append(results, exportRows(path, c.n, c.exports))
	}

	log.Print("writing")
	wdir := filepath.Join(tmp, "data")
	if err := os.MkdirAll(wdir, 0o755); err != nil {
		return err
	}
	wpath, err := bench.Copy(path, wdir)
	if err != nil {
		return err
	}
	wst, err := store.Open(ctx, wpath, clock.NewFixed(bench.Now))
	if err != nil {
		return err
	}
	wraw, err := bench.Raw(wpath)
	if err != nil {
		return err
	}
	wops, err := bench.WriteOps(ctx, wst, wraw)
	if err != nil {
		return err
	}
	pdfOp, err := bench.PDFOp(ctx, wst, wraw)
	if err != nil {
		return err
	}
	if phase("write") {
		results = append(results, bench.Run(append(wops, pdfOp), c.runs)...)
	}
	if err := bench.RemoveFloorRows(ctx, wraw); err != nil {
		return err
	}
	wst.Close()
	wraw.Close()

	if phase("import") {
		log.Print("importing")
		idir := filepath.Join(tmp, "import")
		if err := os.MkdirAll(idir, 0o755); err != nil {
			return err
		}
		imp, done, err := bench.ImportOp(ctx, workbook, min(importRows, c.n), team, idir)
		if err != nil {
			return err
		}
		results = append(results, bench.Run([]bench.Op{imp}, c.runs)...)
		done()
	}

	if phase("start") {
		log.Printf("starting %s", c.bin)
		results = append(results, coldStarts(ctx, c.bin, wdir, c.starts)...)
	}

	if phase("sync") {
		log.Print("team sync")
		sdir := filepath.Join(tmp, "sync")
		if err := os.MkdirAll(sdir, 0o755); err != nil {
			return err
		}
		o := bench.DefaultSyncOptions()
		o.Log = log.Printf
		if c.syncParts != "" {
			o.Parts = strings.Split(c.syncParts, ",")
		}
		o.LoadOnly = c.syncLoad
		results = append(results, bench.SyncResults(ctx, path, sdir, o)...)
	}

	table := bench.Table(results)
	fmt.Print(table)
	if c.out != "" {
		doc := fmt.Sprintf("# Benchmark results\n\n`make bench` (`go run ./bench/cmd`), %s, %s/%s, %d CPUs, %d requests (seed %d), "+
			"%d runs of each quick operation (fewer of the slow ones: see runs); load average %s at the start, %s at the end.\n"+
			"Floors are measured in the same run: hand-written SQL through modernc.org/sqlite, a bare gofpdf document.\n\n%s\n%s\n",
			time.Now().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), c.n, c.seed, c.runs, loadBefore, loadAvg(),
			table, notes)
		if err := os.WriteFile(c.out, []byte(doc), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// phases answers whether a phase runs: every phase when only is empty,
// otherwise the ones it names.
func phases(only string) (func(string) bool, error) {
	if only == "" {
		return func(string) bool { return true }, nil
	}
	set := map[string]bool{}
	for _, p := range strings.Split(only, ",") {
		p = strings.TrimSpace(p)
		if !slices.Contains([]string{"read", "export", "write", "import", "start", "sync"}, p) {
			return nil, fmt.Errorf("-only: no phase %q (read, export, write, import, start, sync)", p)
		}
		set[p] = true
	}
	return func(p string) bool { return set[p] }, nil
}

// loadAvg is the machine's load average over 1, 5 and 15 minutes.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// childExport is the child's side of exportRows.
func childExport(ctx context.Context, path string) error {
	st, err := store.Open(ctx, path, clock.NewFixed(bench.Now))
	if err != nil {
		return err
	}
	defer st.Close()
	dir, err := os.MkdirTemp("", "reqdesk-bench-export-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	r, err := bench.Export(ctx, st, dir)
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(r)
}

// exportRows exports the whole registration table in child processes of
// this program, so that each child's peak resident memory (VmHWM) is the
// export's alone, and makes the table's row.
func exportRows(path string, n, runs int) bench.Result {
	op := bench.Op{Name: fmt.Sprintf("export %d rows (registration table, streamed to .xlsx)", n), Target: 10 * time.Second}
	self, err := os.Executable()
	if err != nil {
		return bench.Result{Op: op, Err: err}
	}
	var times []time.Duration
	var heap, rss []int64
	for range runs {
		var out, errOut bytes.Buffer
		cmd := exec.Command(self, "-child-export", path)
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			return bench.Result{Op: op, Err: fmt.Errorf("%v: %s", err, errOut.String())}
		}
		var r bench.ExportResult
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			return bench.Result{Op: op, Err: err}
		}
		if r.Rows != n {
			return bench.Result{Op: op, Err: fmt.Errorf("exported %d rows of %d", r.Rows, n)}
		}
		times = append(times, time.Duration(r.Seconds*float64(time.Second)))
		heap, rss = append(heap, int64(r.PeakHeap)), append(rss, int64(r.PeakRSS))
	}
	med, p95 := bench.Percentiles(times)
	_, heapMax := bench.Percentiles(heap)
	_, rssMax := bench.Percentiles(rss)
	res := bench.Result{Op: op, Runs: runs, Median: med, P95: p95, TargetText: "p95 < 10s, peak RSS < 300 MB"}
	res.Met = "yes"
	if p95 >= 10*time.Second || rssMax >= 300 {
		res.Met = "**MISSED**"
	}
	res.Met += fmt.Sprintf(" (peak RSS %d MB: VmHWM of a child process that only opens the database and exports; "+
		"peak Go heap %d MB, runtime/metrics sampled every 10 ms)", rssMax, heapMax)
	return res
}

// coldStarts starts the program in serve mode: once on the day before
// (untimed), once as the first start of the day (the day's backup is due and
// made in the background), then the given number of times.
func coldStarts(ctx context.Context, bin, dir string, n int) []bench.Result {
	fail := func(err error) []bench.Result {
		return []bench.Result{{Op: bench.Op{Name: "cold start (" + bin + ")"}, Err: err}}
	}
	if _, err := os.Stat(bin); err != nil {
		return fail(fmt.Errorf("%v: build the program first (make build) or pass -bin", err))
	}
	// The day before: a start (which makes that day's backup) closed
	// cleanly, as every first start of a day but the very first follows.
	if _, err := bench.ColdStartAt(ctx, bin, dir, time.Now().Add(-25*time.Hour)); err != nil {
		return fail(err)
	}
	first, err := bench.ColdStart(ctx, bin, dir)
	if err != nil {
		return fail(err)
	}
	var starts []bench.Start
	for range n {
		s, err := bench.ColdStart(ctx, bin, dir)
		if err != nil {
			return fail(err)
		}
		starts = append(starts, s)
	}
	return bench.StartResults(starts, &first)
}

// notes say how the rows were measured and what is not measured yet.
const notes = `Notes. Times are wall-clock on a shared machine; targets are judged by ratios to floors measured in
the same run, and the two calibration rows (first) time fixed work that depends on nothing of the program (Go
hashing, SQLite writing and summing in memory), so absolute times of runs on different machines compare once each
is divided by its run's calibration. The generated database is cached in $TMPDIR by seed,
size, schema and generator version, and its row is from the run that made it. Writes (create, update, PDF) run on a copy of it; each import run starts from a fresh
empty database (made untimed) and its floor writes the very rows that import wrote (customers, contacts,
requests, clocks, transitions, derived measure rows, number sequences, audit entries, search text) with prepared 100-row INSERTs in one
transaction. Each export runs in a child process of its own, whose VmHWM is its peak resident memory. The
PDF floor sets the form's text (from pdftotext) with nothing but gofpdf and the same embedded font. Cold starts run the real binary (` + "`reqdesk serve --data`" + ` on the copy), read the tokened
address it prints, take the cookie and post SystemApp/Info until it answers; then RequestsApp/List (first page
of 50, newest first) and the dashboard, and read VmRSS from /proc. The dashboard and the reports compare their
period with twelve others (the previous one, a year earlier, the trend months); the store keeps the sums of
their closed requests (migration 0008) and reads the open requests afresh, so the first row is the dashboard as
it is opened again and again, the next one its first opening after every compared month changed.
The sync rows run a team server on a copy of the database, with the real handler stack (accounts, /sync/) on
loopback HTTP in the same process, and a laptop (its own database) that joins it: the join's bytes are counted on
the connection; the push's floor carries out the same commands (register, edit, triage, assign, log a call) on a
local store in no team, the pull's floor upserts the same rows with one prepared statement a table in one
transaction. Under load, each laptop is a device speaking the sync wire as the client does (gzip-compressed
JSON, its own connection), each browser user a logged-in session calling list, detail and dashboard as the
browser does; its floor is the same calls one at a time on the idle server.
`
