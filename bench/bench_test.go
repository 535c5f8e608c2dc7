package bench_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/bench"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestSmoke runs every operation and floor a couple of times on a small
// database, so the harness keeps compiling and working; it asserts no
// times. The cold start runs when REQDESK_BIN names the built program (as
// make test does).
func TestSmoke(t *testing.T) {
	ctx := context.Background()
	t.Setenv("TMPDIR", t.TempDir())
	path, err := bench.Database(ctx, 1, 300)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := bench.Database(ctx, 1, 300); err != nil || again != path {
		t.Fatalf("cached database: %s, %v; want %s", again, err, path)
	}
	gen, ok := bench.Generated(path)
	if !ok || gen.Rows < 3000 || gen.Seconds <= 0 || gen.MB <= 0 {
		t.Errorf("generation: %+v, %v", gen, ok)
	}
	dataDir := t.TempDir()
	wpath, err := bench.Copy(path, dataDir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, wpath, clock.NewFixed(bench.Now))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := bench.Raw(wpath)
	if err != nil {
		t.Fatal(err)
	}
	read, err := bench.ReadOps(ctx, st, raw)
	if err != nil {
		t.Fatal(err)
	}
	write, err := bench.WriteOps(ctx, st, raw)
	if err != nil {
		t.Fatal(err)
	}
	pdfOp, err := bench.PDFOp(ctx, st, raw)
	if err != nil {
		t.Fatal(err)
	}
	workbook, err := bench.ImportWorkbook(ctx, st, 40)
	if err != nil {
		t.Fatal(err)
	}
	team, err := bench.Team(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	imp, done, err := bench.ImportOp(ctx, workbook, 40, team, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	imp.Runs = 2
	results := append([]bench.Result{bench.GenerationResult(300, gen), bench.StorageResult(300, gen)}, bench.Run(append(append(read, write...), pdfOp, imp), 2)...)
	done()
	// The write floor's requests have no derived rows: once they are
	// removed, every request has its measure row, so the start measured
	// next derives none at opening.
	if err := bench.RemoveFloorRows(ctx, raw); err != nil {
		t.Fatal(err)
	}
	var underived int
	if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM requests r
		WHERE NOT EXISTS (SELECT 1 FROM request_metrics m WHERE m.req = r.seq)`).Scan(&underived); err != nil || underived != 0 {
		t.Errorf("requests without a measure row after the write floor's were removed: %d, %v", underived, err)
	}
	exp, err := bench.Export(ctx, st, t.TempDir())
	if err != nil || exp.Rows < 300 {
		t.Errorf("export: %+v, %v", exp, err)
	}
	st.Close()
	raw.Close()
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Op.Name, r.Err)
		}
	}
	if bin := os.Getenv("REQDESK_BIN"); bin != "" {
		first, err := bench.ColdStart(ctx, bin, dataDir)
		if err != nil {
			t.Fatal(err)
		}
		if first.FirstCall <= 0 || first.RSSList <= 0 {
			t.Errorf("start: %+v", first)
		}
		results = append(results, bench.StartResults([]bench.Start{first}, &first)...)
		if _, err := os.Stat(filepath.Join(dataDir, "reqdesk.log")); err != nil {
			t.Errorf("serve did not use the data directory: %v", err)
		}
	}
	table := bench.Table(results)
	t.Log("\n" + table)
	if strings.Count(table, "\n") != len(results)+2 || strings.Contains(table, "error:") {
		t.Errorf("table:\n%s", table)
	}
}

// TestTableVerdict: a row whose only target is a ratio to its floor (the
// pull, the import's throughput) says yes when within it, not "–".
func TestTableVerdict(t *testing.T) {
	floor := func() error { return nil }
	row := func(p95, floorP95 time.Duration, op bench.Op) string {
		op.Name, op.Floor = "op", floor
		lines := strings.Split(bench.Table([]bench.Result{{Op: op, Runs: 1, Median: p95, P95: p95, FloorMedian: floorP95, FloorP95: floorP95}}), "\n")
		cells := strings.Split(lines[2], " | ")
		return cells[len(cells)-1]
	}
	for _, c := range []struct {
		p95  time.Duration
		op   bench.Op
		want string
	}{
		{180 * time.Millisecond, bench.Op{MaxRatio: 2}, "yes |"},
		{220 * time.Millisecond, bench.Op{MaxRatio: 2}, "**MISSED** |"},
		{120 * time.Millisecond, bench.Op{MinShare: 0.8}, "yes |"},
		{130 * time.Millisecond, bench.Op{MinShare: 0.8}, "**MISSED** |"},
		{90 * time.Millisecond, bench.Op{}, "– |"},
	} {
		if got := row(c.p95, 100*time.Millisecond, c.op); got != c.want {
			t.Errorf("p95 %v of a floor of 100ms, %+v: met %q, want %q", c.p95, c.op, got, c.want)
		}
	}
}

// TestCalibration runs the calibration rows once: fixed work that must
// finish and check its own result.
func TestCalibration(t *testing.T) {
	ops, done, err := bench.CalibrationOps(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	for _, r := range bench.Run(ops, 1) {
		if r.Err != nil || r.Median <= 0 {
			t.Errorf("%s: %v, %v", r.Op.Name, r.Median, r.Err)
		}
	}
}
