package backup_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/store"
)

var now = time.Date(2026, 3, 15, 9, 30, 0, 0, time.UTC)

func newStore(t *testing.T, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(dir, "reqdesk.db"), clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func customers(t *testing.T, st *store.Store) int {
	t.Helper()
	p, err := st.ListCustomers(context.Background(), customer.Query{})
	if err != nil {
		t.Fatal(err)
	}
	return p.Total
}

func addCustomer(t *testing.T, st *store.Store, name string) {
	t.Helper()
	if _, err := command.Run(context.Background(), command.New(st), command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: name}}}); err != nil {
		t.Fatal(err)
	}
}

func TestAuto(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, t.TempDir())
	defer st.Close()
	made, err := backup.Auto(ctx, st, now, backup.DefaultRetention)
	if err != nil || made == nil {
		t.Fatalf("first start: %v %v", made, err)
	}
	if again, _ := backup.Auto(ctx, st, now.Add(3*time.Hour), backup.DefaultRetention); again != nil {
		t.Fatalf("a second backup the same day: %v", again)
	}
	if next, _ := backup.Auto(ctx, st, now.Add(25*time.Hour), backup.DefaultRetention); next == nil {
		t.Fatal("no backup the next day")
	}
	if v, err := store.Inspect(ctx, made.Path); err != nil || v != store.LatestSchema() {
		t.Fatalf("the backup is not a readable database: %d %v", v, err)
	}
}

// TestAutoCutShort: a daily backup interrupted (the program closed while
// it was written) leaves nothing that passes for a backup, and the next
// start clears what it left and makes the day's backup whole.
func TestAutoCutShort(t *testing.T) {
	st := newStore(t, t.TempDir())
	defer st.Close()
	addCustomer(t, st, "华信科技有限公司")
	dir := store.BackupDir(st.Path())
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if made, err := backup.Auto(cancelled, st, now, backup.DefaultRetention); err == nil || made != nil {
		t.Fatalf("a backup with its context cancelled: %v, %v", made, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Fatalf("a cancelled backup left %d files: %v", len(entries), entries)
	}
	// What a backup cut short by a power cut leaves: half a file.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	left := filepath.Join(dir, "reqdesk-auto-20260314-093000.db"+store.PartialSuffix)
	if err := os.WriteFile(left, []byte("SQLite format 3\x00half"), 0o600); err != nil {
		t.Fatal(err)
	}
	if files, err := backup.List(dir); err != nil || len(files) != 0 {
		t.Fatalf("a partial file is listed as a backup: %+v, %v", files, err)
	}
	made, err := backup.Auto(context.Background(), st, now, backup.DefaultRetention)
	if err != nil || made == nil {
		t.Fatalf("the next start: %v, %v", made, err)
	}
	if _, err := os.Stat(left); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the partial file is still there: %v", err)
	}
	entries, _ = os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != made.Name {
		t.Fatalf("backups folder after the next start: %v", entries)
	}
}

func TestRotate(t *testing.T) {
	dir := t.TempDir()
	// Two backups a day for 400 days, plus one made by hand.
	for d := 0; d < 400; d++ {
		for _, h := range []int{8, 20} {
			at := now.AddDate(0, 0, -d).Add(time.Duration(h-9) * time.Hour)
			name := "reqdesk-auto-" + at.Format("20060102-150405") + ".db"
			if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	manual := filepath.Join(dir, "reqdesk-20250101-120000.db")
	os.WriteFile(manual, nil, 0o600)
	if _, err := backup.Rotate(dir, now, backup.DefaultRetention); err != nil {
		t.Fatal(err)
	}
	files, _ := backup.List(dir)
	auto := 0
	for _, f := range files {
		if f.Automatic {
			auto++
		}
	}
	// 7 days, plus the weeks and months not already covered by them.
	if auto < 12 || auto > 23 {
		t.Fatalf("kept %d automatic backups, want 7 daily + 4 weekly + 12 monthly at most", auto)
	}
	if _, err := os.Stat(manual); err != nil {
		t.Fatal("a manual backup was rotated away")
	}
	if !files[0].Automatic || !files[0].At.Equal(now.Add(11*time.Hour)) {
		t.Fatalf("newest kept = %+v", files[0])
	}
}

func TestMakeAndRestore(t *testing.T) {
	ctx := context.Background()
	for _, pass := range []string{"", "口令 correct horse"} {
		name := "Plain"
		if pass != "" {
			name = "Encrypted"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			st := newStore(t, dir)
			addCustomer(t, st, "华信科技有限公司")
			out := t.TempDir()
			path, err := backup.Make(ctx, st, out, pass, now)
			if err != nil {
				t.Fatal(err)
			}
			if enc, _ := backup.Encrypted(path); enc != (pass != "") {
				t.Fatalf("encrypted = %v", enc)
			}
			addCustomer(t, st, "恒达物流有限公司") // after the backup
			st.Close()

			dbPath := filepath.Join(dir, "reqdesk.db")
			if pass != "" {
				if _, err := backup.Restore(ctx, dbPath, path, "wrong", now); !errors.Is(err, backup.ErrPassphrase) {
					t.Fatalf("wrong passphrase: %v", err)
				}
			}
			kept, err := backup.Restore(ctx, dbPath, path, pass, now)
			if err != nil {
				t.Fatal(err)
			}
			st = newStore(t, dir)
			defer st.Close()
			if got := customers(t, st); got != 1 {
				t.Fatalf("customers after restore = %d, want 1", got)
			}
			old, err := store.OpenExisting(ctx, kept)
			if err != nil {
				t.Fatal(err)
			}
			defer old.Close()
			if got := customers(t, old); got != 2 {
				t.Fatalf("the replaced database kept %d customers, want 2", got)
			}
		})
	}
}

func TestRestoreRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := newStore(t, dir)
	addCustomer(t, st, "华信科技有限公司")
	st.Close()
	dbPath := filepath.Join(dir, "reqdesk.db")
	notDB := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(notDB, []byte("客户需求登记表"), 0o600)
	otherDB := filepath.Join(t.TempDir(), "other.db")
	os.WriteFile(otherDB, nil, 0o600)
	for name, src := range map[string]string{"ErrNotADatabase": notDB, "ErrEmpty": otherDB, "ErrMissing": filepath.Join(dir, "nope.db")} {
		t.Run(name, func(t *testing.T) {
			if _, err := backup.Restore(ctx, dbPath, src, "", now); err == nil {
				t.Fatal("restored")
			}
			st := newStore(t, dir)
			defer st.Close()
			if got := customers(t, st); got != 1 {
				t.Fatalf("the database changed: %d customers", got)
			}
		})
	}
}

// TestMakeRefusesShortPassphrase: the one rule for the CLI and the UI lives
// here, so a short passphrase cannot slip through either.
func TestMakeRefusesShortPassphrase(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, t.TempDir())
	defer st.Close()
	out := t.TempDir()
	for _, pass := range []string{"abc", "长城长江黄河泰"} {
		_, err := backup.Make(ctx, st, out, pass, now)
		e, ok := apperr.As(err)
		if !ok || e.Code != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != "passphrase" ||
			!strings.Contains(e.Message, "至少 8 个字符") {
			t.Fatalf("passphrase %q: %v", pass, err)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Fatalf("a refused backup wrote %d files", len(entries))
	}
	if err := backup.CheckPassphrase("长城长江黄河泰山"); err != nil {
		t.Fatalf("eight characters refused: %v", err)
	}
	if err := backup.CheckPassphrase(""); err != nil {
		t.Fatalf("no passphrase (no encryption) refused: %v", err)
	}
}
