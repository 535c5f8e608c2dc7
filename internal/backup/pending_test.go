package backup_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestStagedRestore chooses a backup while the program runs and has the
// next start put it in place, as the UI does.
func TestStagedRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "reqdesk.db")
	st := newStore(t, dir)
	addCustomer(t, st, "华信科技有限公司")
	addCustomer(t, st, "云杉咨询")
	usb := t.TempDir()
	saved, err := backup.Make(ctx, st, usb, "正确的口令一二三", now)
	if err != nil {
		t.Fatal(err)
	}
	addCustomer(t, st, "备份之后才登记的客户")

	t.Run("ErrPassphrase", func(t *testing.T) {
		if _, err := backup.Stage(ctx, dbPath, saved, "错误的口令", now); !errors.Is(err, backup.ErrPassphrase) {
			t.Fatalf("wrong passphrase: %v", err)
		}
		if p, _ := backup.PendingRestore(dbPath); p != nil {
			t.Fatalf("staged with a wrong passphrase: %+v", p)
		}
	})
	t.Run("ErrNotADatabase", func(t *testing.T) {
		junk := filepath.Join(t.TempDir(), "notes.db")
		os.WriteFile(junk, []byte("SQLite format 3\x00 but not really"), 0o600)
		if _, err := backup.Stage(ctx, dbPath, junk, "", now); err == nil || !strings.Contains(err.Error(), "不能从 notes.db 恢复：") {
			t.Fatalf("junk: %v", err)
		}
		if p, _ := backup.PendingRestore(dbPath); p != nil {
			t.Fatal("junk was staged")
		}
	})

	sum, err := backup.Summarize(ctx, saved, "正确的口令一二三")
	if err != nil || sum.Customers != 2 || sum.Schema != store.LatestSchema() || sum.LastChange.IsZero() {
		t.Fatalf("summary = %+v, %v", sum, err)
	}
	p, err := backup.Stage(ctx, dbPath, saved, "正确的口令一二三", now)
	if err != nil {
		t.Fatal(err)
	}
	if p.Source != filepath.Base(saved) || p.Summary != sum {
		t.Fatalf("pending = %+v", p)
	}
	if got, _ := backup.PendingRestore(dbPath); got == nil || got.Source != p.Source {
		t.Fatalf("pending restore = %+v", got)
	}
	// Still the current data until the program starts again.
	if n := customers(t, st); n != 3 {
		t.Fatalf("%d customers before the restart", n)
	}
	st.Close()

	later := now.Add(time.Hour)
	res, err := backup.ApplyPending(ctx, dbPath, later)
	if err != nil || res == nil || !res.OK || res.Kept == "" {
		t.Fatalf("apply: %+v, %v", res, err)
	}
	if p, _ := backup.PendingRestore(dbPath); p != nil {
		t.Fatal("the marker outlived the restore")
	}
	if _, err := os.Stat(filepath.Join(dir, "restore-pending.db")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the staged copy outlived the restore: %v", err)
	}
	st = newStore(t, dir)
	if n := customers(t, st); n != 2 {
		t.Fatalf("%d customers after the restore, want the backup's 2", n)
	}
	st.Close()
	kept, err := store.Describe(ctx, res.Kept)
	if err != nil || kept.Customers != 3 {
		t.Fatalf("the replaced database was not kept: %+v, %v", kept, err)
	}
	if last, _ := backup.LastResult(dbPath); last == nil || !last.OK || last.Source != p.Source {
		t.Fatalf("last result = %+v", last)
	}
	if again, err := backup.ApplyPending(ctx, dbPath, later); again != nil || err != nil {
		t.Fatalf("applied twice: %+v, %v", again, err)
	}
}

func TestStagedRestoreWithdrawnOrBroken(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "reqdesk.db")
	st := newStore(t, dir)
	addCustomer(t, st, "华信科技有限公司")
	old, err := backup.Make(ctx, st, t.TempDir(), "", now)
	if err != nil {
		t.Fatal(err)
	}
	addCustomer(t, st, "云杉咨询")
	st.Close()

	t.Run("Withdrawn", func(t *testing.T) {
		if _, err := backup.Stage(ctx, dbPath, old, "", now); err != nil {
			t.Fatal(err)
		}
		if err := backup.CancelPending(dbPath); err != nil {
			t.Fatal(err)
		}
		if res, err := backup.ApplyPending(ctx, dbPath, now); res != nil || err != nil {
			t.Fatalf("a withdrawn restore was applied: %+v %v", res, err)
		}
	})
	t.Run("ErrBrokenOnTheWay", func(t *testing.T) {
		if _, err := backup.Stage(ctx, dbPath, old, "", now); err != nil {
			t.Fatal(err)
		}
		// The staged copy is damaged before the next start.
		if err := os.WriteFile(filepath.Join(dir, "restore-pending.db"), []byte("garbage"), 0o600); err != nil {
			t.Fatal(err)
		}
		res, err := backup.ApplyPending(ctx, dbPath, now)
		if res == nil || res.OK || res.Error == "" {
			t.Fatalf("broken staged copy: %+v, %v", res, err)
		}
		if p, _ := backup.PendingRestore(dbPath); p != nil {
			t.Fatal("a failed restore would be tried at every start")
		}
		st, err := store.Open(ctx, dbPath, clock.NewFixed(now))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if n := customers(t, st); n != 2 {
			t.Fatalf("the current database changed: %d customers", n)
		}
	})
}
