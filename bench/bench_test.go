package bench_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/reqdesk/reqdesk/bench"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestSmoke runs every operation and floor once on a small database, so
// the harness keeps compiling and working; it asserts no times.
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
	wpath, err := bench.Copy(path, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, wpath, clock.NewFixed(bench.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	raw, err := bench.Raw(wpath)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	read, err := bench.ReadOps(ctx, st, raw)
	if err != nil {
		t.Fatal(err)
	}
	write, err := bench.WriteOps(ctx, st, raw)
	if err != nil {
		t.Fatal(err)
	}
	results := bench.Run(append(read, write...), 2)
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Op.Name, r.Err)
		}
	}
	if table := bench.Table(results); len(table) == 0 {
		t.Error("empty table")
	}
	if _, err := os.Stat(filepath.Dir(path)); err != nil {
		t.Error(err)
	}
}
