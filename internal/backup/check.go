package backup

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"time"
)

// The integrity check (PRAGMA quick_check and every stage record read)
// reads the whole database: 12 s at 100k requests, one of the two cores of
// a laptop, at the moment the first screens are asked for. A database this
// program closed cleanly and nothing touched since cannot have been damaged
// by the program, so it is checked once a day, after the first screens, on
// the thread of the daily backup; right away only when something may have
// damaged it: the last run did not end cleanly (a crash, a power cut, a
// killed process), the file is not as that run left it (a restore, a copy,
// a disk or a tool writing into it), or the last check found damage.

// CheckEvery is how old the last integrity check may be before the next.
const CheckEvery = 24 * time.Hour

// CheckRecord is what the data directory keeps about the database between
// runs (CheckRecordPath): the last integrity check, whether a program has
// the database open, and the file as the last clean close left it.
type CheckRecord struct {
	// CheckedAt is when the last check ended (zero: never); OK its verdict.
	CheckedAt time.Time `json:"checkedAt"`
	OK        bool      `json:"ok"`
	// Open is set while a program has the database open and cleared when
	// it closes cleanly.
	Open bool `json:"open"`
	// File is the database file as the last clean close left it.
	File FileState `json:"file"`
}

// FileState is what a database file looks like from outside: its size and
// modification time, and the size of its write-ahead log (0 when there is
// none; a clean close folds it into the file and removes it).
type FileState struct {
	Size    int64 `json:"size"`
	ModTime int64 `json:"modTime"` // Unix nanoseconds
	WAL     int64 `json:"wal"`
}

// CheckPlan says when this run checks the database.
type CheckPlan int

const (
	// CheckNow: something may have damaged the file; checked at once, in
	// the background.
	CheckNow CheckPlan = iota
	// CheckLater: the last check is a day old or there was none; checked
	// after the first screens, with the daily backup.
	CheckLater
	// CheckNotDue: the last check, of this very file, stands.
	CheckNotDue
)

// PlanCheck decides when to check the database, from the record (found:
// whether there was one) and the file as it is now, before it is opened.
func PlanCheck(rec CheckRecord, found bool, file FileState, now time.Time) CheckPlan {
	if file.WAL > 0 {
		return CheckNow // a log no clean close folded in: the last run ended abruptly
	}
	if !found {
		return CheckLater
	}
	if rec.Open || (!rec.CheckedAt.IsZero() && !rec.OK) || file.Size != rec.File.Size || file.ModTime != rec.File.ModTime {
		return CheckNow
	}
	if rec.CheckedAt.IsZero() || now.Sub(rec.CheckedAt) >= CheckEvery || now.Before(rec.CheckedAt) {
		return CheckLater
	}
	return CheckNotDue
}

// CheckRecordPath is the record's file, beside the database.
func CheckRecordPath(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "reqdesk-check.json")
}

// StatDatabase describes the database file at dbPath and its log.
func StatDatabase(dbPath string) (FileState, error) {
	var st FileState
	info, err := os.Stat(dbPath)
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	st.Size, st.ModTime = info.Size(), info.ModTime().UnixNano()
	if wal, err := os.Stat(dbPath + "-wal"); err == nil {
		st.WAL = wal.Size()
	}
	return st, nil
}

// LoadCheckRecord reads the record beside dbPath; found is false when
// there is none or it cannot be read (then the database is checked as if
// never checked).
func LoadCheckRecord(dbPath string) (rec CheckRecord, found bool) {
	b, err := os.ReadFile(CheckRecordPath(dbPath))
	if err != nil || json.Unmarshal(b, &rec) != nil {
		return CheckRecord{}, false
	}
	return rec, true
}

// SaveCheckRecord writes the record beside dbPath, whole or not at all
// (a new file renamed over the old one). It is not synced: a record lost
// to a power cut makes the next start check earlier, never later, since a
// run that wrote and did not close leaves its log behind.
func SaveCheckRecord(dbPath string, rec CheckRecord) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	path := CheckRecordPath(dbPath)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
