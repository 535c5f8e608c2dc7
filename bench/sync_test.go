package bench_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/bench"
)

// TestSyncSmoke runs the sync rows (join, push, pull, empty round, the
// server under load) on a small database with few commands, laptops and
// users, so they keep working; it asserts no times.
func TestSyncSmoke(t *testing.T) {
	ctx := context.Background()
	t.Setenv("TMPDIR", t.TempDir())
	path, err := bench.Database(ctx, 1, 300)
	if err != nil {
		t.Fatal(err)
	}
	o := bench.SyncOptions{Commands: 10, PullRows: 60, Rounds: 3, Runs: 1, Laptops: 6, Browsers: 3,
		Duration: time.Second, Period: 500 * time.Millisecond, Think: 200 * time.Millisecond}
	results := bench.SyncResults(ctx, path, t.TempDir(), o)
	if len(results) != 5 {
		t.Fatalf("%d rows, want 5: %+v", len(results), results)
	}
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Op.Name, r.Err)
		}
	}
	table := bench.Table(results)
	t.Log("\n" + table)
	if strings.Contains(table, "error:") || !strings.Contains(table, "0 errors") || !strings.Contains(table, "over the wire") {
		t.Errorf("table:\n%s", table)
	}
}
