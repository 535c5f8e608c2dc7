package backup_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/backup"
)

// TestPlanCheck: the integrity check runs at once only when something may
// have damaged the database since the last clean close, once a day after
// the first screens otherwise, and not again the same day on an untouched
// file.
func TestPlanCheck(t *testing.T) {
	at := time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC)
	file := backup.FileState{Size: 4096, ModTime: 1_700_000_000_000_000_000}
	clean := backup.CheckRecord{CheckedAt: at, OK: true, File: file}
	with := func(f func(*backup.CheckRecord)) backup.CheckRecord { r := clean; f(&r); return r }
	for _, c := range []struct {
		name  string
		rec   backup.CheckRecord
		found bool
		file  backup.FileState
		now   time.Time
		want  backup.CheckPlan
	}{
		{"checked this morning, closed cleanly", clean, true, file, at.Add(3 * time.Hour), backup.CheckNotDue},
		{"checked yesterday", clean, true, file, at.Add(backup.CheckEvery), backup.CheckLater},
		{"never checked", with(func(r *backup.CheckRecord) { r.CheckedAt, r.OK = time.Time{}, false }), true, file, at, backup.CheckLater},
		{"no record", backup.CheckRecord{}, false, file, at, backup.CheckLater},
		{"the clock went back", clean, true, file, at.Add(-time.Hour), backup.CheckLater},
		{"the last run did not close", with(func(r *backup.CheckRecord) { r.Open = true }), true, file, at.Add(time.Hour), backup.CheckNow},
		{"a log left behind", clean, true, backup.FileState{Size: file.Size, ModTime: file.ModTime, WAL: 8192}, at.Add(time.Hour), backup.CheckNow},
		{"a log left behind, no record", backup.CheckRecord{}, false, backup.FileState{Size: 1, WAL: 1}, at, backup.CheckNow},
		{"written since the close", clean, true, backup.FileState{Size: file.Size, ModTime: file.ModTime + 1}, at.Add(time.Hour), backup.CheckNow},
		{"another size", clean, true, backup.FileState{Size: 8192, ModTime: file.ModTime}, at.Add(time.Hour), backup.CheckNow},
		{"damaged at the last check", with(func(r *backup.CheckRecord) { r.OK = false }), true, file, at.Add(time.Hour), backup.CheckNow},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := backup.PlanCheck(c.rec, c.found, c.file, c.now); got != c.want {
				t.Fatalf("PlanCheck = %v, want %v", got, c.want)
			}
		})
	}
}

// TestCheckRecordFile: the record is read back as written, a missing or
// unreadable one is not found, and a database file is described by its
// size, time and log.
func TestCheckRecordFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "reqdesk.db")
	if _, found := backup.LoadCheckRecord(db); found {
		t.Fatal("a record where none was written")
	}
	if st, err := backup.StatDatabase(db); err != nil || st != (backup.FileState{}) {
		t.Fatalf("no database: %+v %v", st, err)
	}
	if err := os.WriteFile(db, make([]byte, 4096), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db+"-wal", make([]byte, 100), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := backup.StatDatabase(db)
	if err != nil || st.Size != 4096 || st.WAL != 100 || st.ModTime == 0 {
		t.Fatalf("StatDatabase = %+v, %v", st, err)
	}
	want := backup.CheckRecord{CheckedAt: time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC), OK: true, File: st}
	if err := backup.SaveCheckRecord(db, want); err != nil {
		t.Fatal(err)
	}
	got, found := backup.LoadCheckRecord(db)
	if !found || !got.CheckedAt.Equal(want.CheckedAt) || got.OK != want.OK || got.File != want.File || got.Open {
		t.Fatalf("read back %+v (found %v), want %+v", got, found, want)
	}
	if err := os.WriteFile(backup.CheckRecordPath(db), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, found := backup.LoadCheckRecord(db); found {
		t.Fatal("a damaged record was read")
	}
}
