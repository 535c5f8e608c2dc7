package app_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestTruncatedEncryptedBackup: a backup cut short (a copy broken off) is
// refused with the message the CLI gives, never an internal error.
func TestTruncatedEncryptedBackup(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	dir := store.BackupDir(st.Path())
	os.MkdirAll(dir, 0o700)
	const pass = "correct horse battery"
	path, err := backup.Make(ctx, st, filepath.Join(dir, "reqdesk-imported-20260301-120000.db.age"), pass, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	var logs bytes.Buffer
	data := app.Bindings(app.Deps{Store: st, Log: slog.New(slog.NewTextHandler(&logs, nil)), Version: "test"})[7].(*app.DataApp)
	for _, size := range []int64{info.Size() / 2, 100} {
		if err := os.Truncate(path, size); err != nil {
			t.Fatal(err)
		}
		_, err := data.InspectBackup(filepath.Base(path), pass)
		e := decode(t, err)
		if e.Code != apperr.Invalid || !strings.Contains(e.Message, "解密失败") {
			t.Fatalf("cut at %d bytes: %+v", size, e)
		}
		_, err = data.StageRestore(filepath.Base(path), pass)
		if e := decode(t, err); e.Code != apperr.Invalid || !strings.Contains(e.Message, "解密失败") {
			t.Fatalf("staging, cut at %d bytes: %+v", size, e)
		}
	}
	if logs.Len() != 0 {
		t.Fatalf("a damaged backup was logged as unexpected: %s", logs.String())
	}
	if p, _ := backup.PendingRestore(st.Path()); p != nil {
		t.Fatal("a damaged backup was staged")
	}
}

// TestBackupTakesTheClock: a backup is named by the time of the clock the
// bindings were given, not the machine's.
func TestBackupTakesTheClock(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(at))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var logs bytes.Buffer
	for _, tt := range []struct {
		name string
		clk  clock.Clock
		want string
	}{
		{"GivenClock", clock.NewFixed(at.AddDate(1, 0, 0)), "2025"},
		{"StoreClockWhenNone", nil, "2024"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := app.Bindings(app.Deps{Store: st, Clock: tt.clk, Log: slog.New(slog.NewTextHandler(&logs, nil))})[7].(*app.DataApp)
			got, err := data.DownloadBackup("")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got.FileName, tt.want+"0315") {
				t.Fatalf("file name %q, want the date %s-03-15", got.FileName, tt.want)
			}
		})
	}
}
