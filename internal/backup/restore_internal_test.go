package backup

// An internal test: it cuts a restore short at each of its steps, as a
// kill would, which only the package can do.

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/store"
)

var at = time.Date(2026, 3, 15, 9, 30, 0, 0, time.UTC)

// crashed makes a database in dir whose last changes are still in its
// write-ahead log, as a killed program leaves it, holding the customers
// named.
func crashed(t *testing.T, dir string, names ...string) string {
	t.Helper()
	live := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(live, "reqdesk.db"), clock.NewFixed(at))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, n := range names {
		if _, err := command.Run(context.Background(), command.New(st), command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: n}}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, suffix := range []string{"", "-wal"} {
		copyTo(t, filepath.Join(live, "reqdesk.db"+suffix), filepath.Join(dir, "reqdesk.db"+suffix))
	}
	if info, err := os.Stat(filepath.Join(dir, "reqdesk.db-wal")); err != nil || info.Size() == 0 {
		t.Fatalf("no write-ahead log to lose: %v", err)
	}
	return filepath.Join(dir, "reqdesk.db")
}

func copyTo(t *testing.T, src, dest string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
}

// names reads the customers of a database file.
func names(t *testing.T, path string) string {
	t.Helper()
	st, err := store.OpenExisting(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := st.ListCustomers(context.Background(), customer.Query{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range p.Items {
		out = append(out, c.Name)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// kept returns the customers of every database kept before a restore.
func keptNames(t *testing.T, dbPath string) []string {
	t.Helper()
	files, err := List(store.BackupDir(dbPath))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if strings.HasPrefix(f.Name, "reqdesk-before-restore-") {
			out = append(out, names(t, f.Path))
		}
	}
	return out
}

func leftovers(t *testing.T, dbPath string) []string {
	t.Helper()
	var out []string
	for _, dir := range []string{filepath.Dir(dbPath), store.BackupDir(dbPath)} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			n := e.Name()
			if strings.HasPrefix(n, ".") || strings.HasSuffix(n, ".part") || strings.HasSuffix(n, store.PartialSuffix) ||
				strings.HasSuffix(n, restoringSuffix) || n == pendingCopy || n == pendingMarker {
				out = append(out, n)
			}
		}
	}
	return out
}

var steps = []string{"checked", "kept", "checkpointed", "staged", "log removed"}

// TestRestoreCutShort: a restore from the command line cut short at any
// step leaves the old database whole or the restored one with the old one
// kept, and the next start clears what it was working on.
func TestRestoreCutShort(t *testing.T) {
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), "backup.db")
	crashed(t, filepath.Dir(src), "新-甲")
	os.Rename(filepath.Join(filepath.Dir(src), "reqdesk.db"), src)
	os.Rename(filepath.Join(filepath.Dir(src), "reqdesk.db-wal"), src+"-wal")
	if err := store.Checkpoint(ctx, src); err != nil {
		t.Fatal(err)
	}
	for _, step := range steps {
		t.Run(strings.ReplaceAll(step, " ", "-"), func(t *testing.T) {
			dbPath := crashed(t, t.TempDir(), "旧-甲", "旧-乙", "旧-丙")
			_, err := restorer{stop: func(s string) bool { return s == step }}.restore(ctx, dbPath, src, "", at)
			if !errors.Is(err, errStopped) {
				t.Fatalf("not stopped at %s: %v", step, err)
			}
			Sweep(dbPath) // the next start
			// Every step before the rename leaves the old database in place.
			if got := names(t, dbPath); strings.Count(got, "旧-") != 3 {
				t.Fatalf("stopped at %s, the database holds %q: acknowledged writes lost", step, got)
			}
			if l := leftovers(t, dbPath); len(l) != 0 {
				t.Fatalf("stopped at %s, left behind: %v", step, l)
			}
		})
	}
}

// TestStagedRestoreCutShort: a staged restore cut short at any step is
// done whole at the next start, and the database it replaced is kept with
// every change it had.
func TestStagedRestoreCutShort(t *testing.T) {
	ctx := context.Background()
	srcDir := t.TempDir()
	src := crashed(t, srcDir, "新-甲")
	if err := store.Checkpoint(ctx, src); err != nil {
		t.Fatal(err)
	}
	for _, step := range append(append([]string{}, steps...), "restored") {
		t.Run(strings.ReplaceAll(step, " ", "-"), func(t *testing.T) {
			dbPath := crashed(t, t.TempDir(), "旧-甲", "旧-乙", "旧-丙")
			if _, err := Stage(ctx, dbPath, src, "", at); err != nil {
				t.Fatal(err)
			}
			if _, err := (restorer{stop: func(s string) bool { return s == step }}).applyPending(ctx, dbPath, at); !errors.Is(err, errStopped) {
				t.Fatalf("not stopped at %s: %v", step, err)
			}
			// The next start, in the same second.
			res, err := ApplyPending(ctx, dbPath, at)
			if err != nil || res == nil || !res.OK {
				t.Fatalf("next start: %+v %v", res, err)
			}
			if got := names(t, dbPath); got != "新-甲" {
				t.Fatalf("stopped at %s, then the database holds %q", step, got)
			}
			whole := false
			for _, k := range keptNames(t, dbPath) {
				if strings.Count(k, "旧-") == 3 {
					whole = true
				}
			}
			if !whole {
				t.Fatalf("stopped at %s: no kept backup holds the old database whole: %q", step, keptNames(t, dbPath))
			}
			if l := leftovers(t, dbPath); len(l) != 0 {
				t.Fatalf("stopped at %s, left behind: %v", step, l)
			}
		})
	}
}

// TestTwoRestoresInOneSecond: the second restore keeps its own copy and
// leaves the first one's alone.
func TestTwoRestoresInOneSecond(t *testing.T) {
	ctx := context.Background()
	src := crashed(t, t.TempDir(), "新-甲")
	if err := store.Checkpoint(ctx, src); err != nil {
		t.Fatal(err)
	}
	dbPath := crashed(t, t.TempDir(), "旧-甲", "旧-乙", "旧-丙")
	first, err := Restore(ctx, dbPath, src, "", at)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Restore(ctx, dbPath, src, "", at)
	if err != nil {
		t.Fatal(err)
	}
	if first == second {
		t.Fatalf("both restores kept the database as %s", first)
	}
	if got := names(t, first); strings.Count(got, "旧-") != 3 {
		t.Fatalf("the first kept copy now holds %q", got)
	}
	if got := names(t, second); got != "新-甲" {
		t.Fatalf("the second kept copy holds %q", got)
	}
	if files, _ := List(store.BackupDir(dbPath)); len(files) != 2 {
		t.Fatalf("backups = %+v", files)
	}
}
