package backup

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/store"
)

// A running program cannot safely swap the database under its own open
// connections, so a restore chosen in the UI is staged: the backup is
// checked, decrypted and copied beside the database with a marker, and the
// next start applies it before opening the database (Restore keeps the
// current database as a backup first). A staged restore can be withdrawn
// until then.

const (
	pendingMarker = "restore-pending.json"
	pendingCopy   = "restore-pending.db"
	resultFile    = "restore-last.json"
)

// Pending is a restore waiting for the next start.
type Pending struct {
	Source      string        `json:"source"` // the backup's file name, as the user chose it
	Summary     store.Summary `json:"summary"`
	RequestedAt time.Time     `json:"requestedAt"`
}

// Result is how the last staged restore went.
type Result struct {
	Source string    `json:"source"`
	At     time.Time `json:"at"`
	OK     bool      `json:"ok"`
	// Kept is the backup of the database the restore replaced.
	Kept  string `json:"kept"`
	Error string `json:"error"`
}

// Summarize checks a backup file (decrypting it first when needed) and
// summarises what it holds, without keeping anything.
func Summarize(ctx context.Context, src, passphrase string) (store.Summary, error) {
	work, err := os.MkdirTemp(filepath.Dir(src), ".inspect-")
	if err != nil {
		work, err = os.MkdirTemp("", "reqdesk-inspect-")
		if err != nil {
			return store.Summary{}, err
		}
	}
	defer os.RemoveAll(work)
	plain, err := plainCopy(src, filepath.Join(work, "candidate.db"), passphrase)
	if err != nil {
		return store.Summary{}, err
	}
	return describe(ctx, plain, src)
}

func describe(ctx context.Context, path, src string) (store.Summary, error) {
	sum, err := store.Describe(ctx, path)
	if err != nil {
		return sum, apperr.New(apperr.Invalid, "restore_unreadable", apperr.P{"name": filepath.Base(src), "detail": err.Error()})
	}
	return sum, nil
}

// plainCopy puts an unencrypted copy of src at dest and returns dest.
func plainCopy(src, dest, passphrase string) (string, error) {
	enc, err := Encrypted(src)
	if err != nil {
		return "", err
	}
	if enc {
		return dest, decryptFile(src, dest, passphrase)
	}
	return dest, copyFile(src, dest)
}

// Stage checks the backup src and makes it the database of the next start.
func Stage(ctx context.Context, dbPath, src, passphrase string, now time.Time) (Pending, error) {
	dir := filepath.Dir(dbPath)
	staged := filepath.Join(dir, pendingCopy)
	tmp := staged + ".part"
	os.Remove(tmp)
	if _, err := plainCopy(src, tmp, passphrase); err != nil {
		os.Remove(tmp)
		return Pending{}, err
	}
	sum, err := describe(ctx, tmp, src)
	if err != nil {
		os.Remove(tmp)
		return Pending{}, err
	}
	p := Pending{Source: filepath.Base(src), Summary: sum, RequestedAt: now}
	if err := os.Rename(tmp, staged); err != nil {
		os.Remove(tmp)
		return Pending{}, err
	}
	// The marker goes last: without it a staged copy is ignored.
	if err := writeJSON(filepath.Join(dir, pendingMarker), p); err != nil {
		os.Remove(staged)
		return Pending{}, err
	}
	return p, nil
}

// PendingRestore returns the staged restore, nil when there is none.
func PendingRestore(dbPath string) (*Pending, error) {
	var p Pending
	ok, err := readJSON(filepath.Join(filepath.Dir(dbPath), pendingMarker), &p)
	if err != nil || !ok {
		return nil, err
	}
	return &p, nil
}

// CancelPending withdraws a staged restore.
func CancelPending(dbPath string) error {
	dir := filepath.Dir(dbPath)
	if err := os.Remove(filepath.Join(dir, pendingMarker)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Remove(filepath.Join(dir, pendingCopy)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// Sweep clears what restores and snapshots cut short left behind: working
// folders, the restored copy not yet in place, partial copies. The program
// calls it at start-up, holding the data directory's lock, before anything
// else touches the folder; whole backups are never touched.
func Sweep(dbPath string) {
	dir := filepath.Dir(dbPath)
	backups := store.BackupDir(dbPath)
	var leftovers []string
	for _, pattern := range []string{
		filepath.Join(backups, workPrefix+"*"),
		filepath.Join(backups, ".inspect-*"),
		filepath.Join(backups, "*"+store.PartialSuffix),
		filepath.Join(dir, pendingCopy+".part"),
		filepath.Join(dir, "*.json.part"),
		dbPath + restoringSuffix,
	} {
		m, _ := filepath.Glob(pattern)
		leftovers = append(leftovers, m...)
	}
	// The log of a damaged database kept before a restore is copied
	// first; alone, its database was never kept.
	if logs, _ := filepath.Glob(filepath.Join(backups, "*.db-wal")); logs != nil {
		for _, l := range logs {
			if _, err := os.Stat(strings.TrimSuffix(l, "-wal")); errors.Is(err, os.ErrNotExist) {
				leftovers = append(leftovers, l)
			}
		}
	}
	for _, p := range leftovers {
		os.RemoveAll(p)
	}
}

// ApplyPending does a staged restore, if there is one; the program calls it
// at start-up, holding the data directory's lock, before it opens the
// database. Whatever happens the marker is gone afterwards, so a restore
// that fails is reported (LastResult) rather than tried at every start.
func ApplyPending(ctx context.Context, dbPath string, now time.Time) (*Result, error) {
	return restorer{}.applyPending(ctx, dbPath, now)
}

func (r restorer) applyPending(ctx context.Context, dbPath string, now time.Time) (*Result, error) {
	Sweep(dbPath)
	p, err := PendingRestore(dbPath)
	if err != nil || p == nil {
		if err != nil {
			// An unreadable marker cannot be acted on: drop it.
			CancelPending(dbPath)
		}
		return nil, err
	}
	dir := filepath.Dir(dbPath)
	res := &Result{Source: p.Source, At: now}
	kept, err := r.restore(ctx, dbPath, filepath.Join(dir, pendingCopy), "", now)
	if errors.Is(err, errStopped) {
		return nil, err
	}
	res.Kept = kept
	if err != nil {
		res.Error = err.Error()
	} else {
		res.OK = true
		if err := r.at("restored"); err != nil {
			return nil, err
		}
	}
	if cerr := CancelPending(dbPath); err == nil {
		err = cerr
	}
	if werr := writeJSON(filepath.Join(dir, resultFile), res); err == nil {
		err = werr
	}
	return res, err
}

// LastResult returns how the last staged restore went, nil when none was done.
func LastResult(dbPath string) (*Result, error) {
	var r Result
	ok, err := readJSON(filepath.Join(filepath.Dir(dbPath), resultFile), &r)
	if err != nil || !ok {
		return nil, err
	}
	return &r, nil
}

// writeJSON replaces path with v through a temporary file and a rename.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".part"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

func readJSON(path string, v any) (bool, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, json.Unmarshal(b, v)
}
