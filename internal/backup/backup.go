// Package backup keeps copies of the database: automatic daily snapshots
// with rotation, snapshots on demand (optionally encrypted with a passphrase
// for copies that leave the laptop), and restoring one in place of the
// current database, which is kept as a backup first.
package backup

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"filippo.io/age"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/blobs"
	"github.com/reqdesk/reqdesk/internal/store"
)

// Retention says how many backups to keep: the newest of each of the last
// Daily days, Weekly weeks and Monthly months.
type Retention struct {
	Daily   int `json:"daily"`
	Weekly  int `json:"weekly"`
	Monthly int `json:"monthly"`
}

// DefaultRetention keeps 7 daily, 4 weekly and 12 monthly backups.
var DefaultRetention = Retention{Daily: 7, Weekly: 4, Monthly: 12}

// prefix names automatic backups; only they are rotated.
const prefix = "reqdesk-auto-"

const stampLayout = "20060102-150405"

// File is one backup on disk.
type File struct {
	Path      string    `json:"path"`
	Name      string    `json:"name"`
	At        time.Time `json:"at"`
	Size      int64     `json:"size"`
	Automatic bool      `json:"automatic"`
	Encrypted bool      `json:"encrypted"`
}

// List returns the backups in dir, newest first.
func List(dir string) ([]File, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".db") || strings.HasSuffix(name, ".db.age")) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		f := File{Path: filepath.Join(dir, name), Name: name, At: info.ModTime(), Size: info.Size(),
			Automatic: strings.HasPrefix(name, prefix), Encrypted: strings.HasSuffix(name, ".age")}
		if t, ok := stamp(name); ok {
			f.At = t
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out, nil
}

// stamp reads the time from a backup's name (…-20260315-093000.db).
func stamp(name string) (time.Time, bool) {
	base := strings.TrimSuffix(strings.TrimSuffix(name, ".age"), ".db")
	if len(base) < len(stampLayout) {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(stampLayout, base[len(base)-len(stampLayout):], time.UTC)
	return t, err == nil
}

// Auto makes an automatic backup when the newest one is older than a day,
// then rotates. It returns the backup made, or nil when none was due.
func Auto(ctx context.Context, st *store.Store, now time.Time, keep Retention) (*File, error) {
	dir := store.BackupDir(st.Path())
	files, err := List(dir)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if f.Automatic && now.Sub(f.At) < 24*time.Hour {
			return nil, nil
		}
	}
	// Daily backups cut short on an earlier day (the program closed while
	// one was written) left only a partial file; nothing else writes one.
	if partial, err := filepath.Glob(filepath.Join(dir, prefix+"*"+store.PartialSuffix)); err == nil {
		for _, p := range partial {
			os.Remove(p)
		}
	}
	path := filepath.Join(dir, prefix+now.UTC().Format(stampLayout)+".db")
	if err := st.Snapshot(ctx, path); err != nil {
		return nil, err
	}
	if _, err := Rotate(dir, now, keep); err != nil {
		return nil, err
	}
	made, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	return &File{Path: path, Name: filepath.Base(path), At: now, Size: made.Size(), Automatic: true}, nil
}

// Rotate deletes the automatic backups that the retention does not keep and
// returns their paths. Manual and pre-migration backups are never deleted.
func Rotate(dir string, now time.Time, keep Retention) ([]string, error) {
	files, err := List(dir)
	if err != nil {
		return nil, err
	}
	kept := map[string]bool{}
	keepNewest := func(n int, bucket func(time.Time) string) {
		seen := map[string]bool{}
		for _, f := range files { // newest first
			if !f.Automatic {
				continue
			}
			b := bucket(f.At)
			if seen[b] || len(seen) >= n {
				continue
			}
			seen[b] = true
			kept[f.Path] = true
		}
	}
	keepNewest(keep.Daily, func(t time.Time) string { return t.Format("2006-01-02") })
	keepNewest(keep.Weekly, func(t time.Time) string { y, w := t.ISOWeek(); return fmt.Sprint(y, w) })
	keepNewest(keep.Monthly, func(t time.Time) string { return t.Format("2006-01") })
	var removed []string
	for _, f := range files {
		if f.Automatic && !kept[f.Path] {
			if err := os.Remove(f.Path); err != nil {
				return removed, err
			}
			removed = append(removed, f.Path)
		}
	}
	return removed, nil
}

// MinPassphrase is the fewest characters a passphrase that encrypts a
// backup may have; the CLI and the UI both go by it.
const MinPassphrase = 8

// CheckPassphrase refuses a passphrase too short to encrypt a backup with
// ("" means no encryption and passes).
func CheckPassphrase(p string) error {
	if p != "" && utf8.RuneCountInString(p) < MinPassphrase {
		e := apperr.New(apperr.Invalid, "passphrase_too_short", apperr.P{"min": MinPassphrase})
		e.Fields = []apperr.FieldError{{Field: "passphrase", Key: "too_short", Params: map[string]any{"min": MinPassphrase}}}
		return e
	}
	return nil
}

// Make writes a backup to dest (a file, or a folder to name one in),
// encrypted with passphrase when one is given, and returns its path. A
// passphrase shorter than MinPassphrase is refused before anything is
// written.
func Make(ctx context.Context, st *store.Store, dest, passphrase string, now time.Time) (string, error) {
	if err := CheckPassphrase(passphrase); err != nil {
		return "", err
	}
	if info, err := os.Stat(dest); err == nil && info.IsDir() {
		name := "reqdesk-" + now.UTC().Format(stampLayout) + ".db"
		if passphrase != "" {
			name += ".age"
		}
		dest = filepath.Join(dest, name)
	}
	if _, err := os.Stat(dest); err == nil {
		return "", fmt.Errorf("%s 已存在，不会覆盖", dest)
	}
	if passphrase == "" {
		return dest, st.Snapshot(ctx, dest)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), ".reqdesk-backup-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	plain := filepath.Join(tmp, "reqdesk.db")
	if err := st.Snapshot(ctx, plain); err != nil {
		return "", err
	}
	return dest, encryptFile(plain, dest, passphrase)
}

func encryptFile(src, dest, passphrase string) error {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dest, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	w, err := age.Encrypt(out, r)
	if err == nil {
		_, err = io.Copy(w, in)
	}
	if err == nil {
		err = w.Close()
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dest)
	}
	return err
}

// ageHeader starts every age file.
var ageHeader = []byte("age-encryption.org/")

// Encrypted reports whether the file at path is age-encrypted.
func Encrypted(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, len(ageHeader))
	n, _ := io.ReadFull(bufio.NewReader(f), head)
	return bytes.Equal(head[:n], ageHeader), nil
}

// ErrPassphrase is returned when an encrypted backup needs a passphrase that
// was not given or does not open it.
var ErrPassphrase = apperr.New(apperr.Invalid, "passphrase_wrong", nil)

// ErrDecrypt is returned when an encrypted backup does not decrypt whole: it
// was cut short (a copy broken off) or damaged. The CLI and the UI show the
// same message.
var ErrDecrypt = apperr.New(apperr.Invalid, "backup_decrypt_failed", nil)

// Restore replaces the database at dbPath with the backup at src. The
// program must not have the database open. It checks that src is a ReqDesk
// database of a known schema version (decrypting it first when needed),
// keeps the current database as a backup, and puts the restored copy in
// place; opening it afterwards migrates it if it is older. It returns the
// path of the backup of the database it replaced.
//
// Cut short at any point (the program killed, the power gone), it leaves
// the database either as it was or restored, whole, and the kept backup
// whole or not at all; Sweep clears what it was working on at the next
// start. A backup already there is never overwritten or deleted.
func Restore(ctx context.Context, dbPath, src, passphrase string, now time.Time) (string, error) {
	return restorer{}.restore(ctx, dbPath, src, passphrase, now)
}

// restorer does a restore; stop, for tests, ends it at a named step as a
// kill would, leaving everything as it is.
type restorer struct {
	stop func(step string) bool
}

var errStopped = errors.New("stopped")

func (r restorer) at(step string) error {
	if r.stop != nil && r.stop(step) {
		return errStopped
	}
	return nil
}

// workPrefix names the folders a restore works in, inside the backups folder.
const workPrefix = ".restore-"

// restoringSuffix marks the restored copy beside the database, before it
// takes the database's name.
const restoringSuffix = ".restoring"

func (r restorer) restore(ctx context.Context, dbPath, src, passphrase string, now time.Time) (string, error) {
	dir := store.BackupDir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	work, err := os.MkdirTemp(dir, workPrefix)
	if err != nil {
		return "", err
	}
	kept, err := r.swap(ctx, dbPath, src, passphrase, work, now)
	if errors.Is(err, errStopped) {
		return kept, err
	}
	os.RemoveAll(work)
	return kept, err
}

func (r restorer) swap(ctx context.Context, dbPath, src, passphrase, work string, now time.Time) (string, error) {
	candidate := filepath.Join(work, "candidate.db")
	enc, err := Encrypted(src)
	if err != nil {
		return "", err
	}
	if enc {
		if err := decryptFile(src, candidate, passphrase); err != nil {
			return "", err
		}
	} else if err := copyFile(src, candidate); err != nil {
		return "", err
	}
	if _, err := store.Inspect(ctx, candidate); err != nil {
		return "", fmt.Errorf("不能恢复 %s: %w", src, err)
	}
	if err := r.at("checked"); err != nil {
		return "", err
	}
	// Keep what is there now, consistently, before replacing it.
	var kept string
	if _, err := os.Stat(dbPath); err == nil {
		if kept, err = keepCurrent(ctx, dbPath, now); err != nil {
			return "", fmt.Errorf("无法保留当前数据库: %w", err)
		}
		if err := r.at("kept"); err != nil {
			return kept, err
		}
		// Fold the write-ahead log into the database file, so that the
		// database stays whole when the log is removed below and the
		// restore is cut short before its copy is in place. A damaged
		// database may refuse; it is kept whole, log included, anyway.
		store.Checkpoint(ctx, dbPath)
		if err := r.at("checkpointed"); err != nil {
			return kept, err
		}
	}
	staged := dbPath + restoringSuffix
	if err := copyFile(candidate, staged); err != nil {
		return kept, err
	}
	if err := r.at("staged"); err != nil {
		return kept, err
	}
	// The old log must not be applied to the restored database.
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return kept, err
		}
	}
	if err := r.at("log removed"); err != nil {
		return kept, err
	}
	// A rename within one folder is atomic: the database is either the old
	// one or the restored one, never half of each.
	if err := os.Rename(staged, dbPath); err != nil {
		return kept, err
	}
	return kept, blobs.SyncDir(filepath.Dir(dbPath))
}

// keepCurrent keeps the database at dbPath as a backup before a restore,
// under a name no other backup has, and returns its path.
func keepCurrent(ctx context.Context, dbPath string, now time.Time) (string, error) {
	kept := store.FreeName(store.BackupDir(dbPath), "reqdesk-before-restore-", now.UTC().Format(stampLayout))
	err := snapshotFile(ctx, dbPath, kept)
	if _, serr := os.Stat(kept); err == nil || serr == nil {
		// Snapshot renames its copy into place only when whole.
		return kept, nil
	}
	// A damaged database may not snapshot; no program has it open, so its
	// files are copied as they are, log included.
	if err := copyClosed(dbPath, kept); err != nil {
		return "", err
	}
	return kept, nil
}

// copyClosed copies a database no program has open, with its write-ahead
// log when it has one, so the copy opens as the original would. The copy
// is made under a partial name and linked into place only when whole,
// which fails rather than overwrite a file there.
func copyClosed(dbPath, dest string) error {
	tmp := dest + store.PartialSuffix
	if _, err := os.Stat(dbPath + "-wal"); err == nil {
		if err := copyFile(dbPath+"-wal", dest+"-wal"); err != nil {
			return err
		}
	}
	if err := copyFile(dbPath, tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, dest); err != nil {
		return err
	}
	return blobs.SyncDir(filepath.Dir(dest))
}

// snapshotFile snapshots a database file that no program has open.
func snapshotFile(ctx context.Context, dbPath, dest string) error {
	st, err := store.OpenExisting(ctx, dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	return st.Snapshot(ctx, dest)
}

func decryptFile(src, dest, passphrase string) error {
	if passphrase == "" {
		return ErrPassphrase
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	r, err := age.Decrypt(in, id)
	var noMatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &noMatch):
		return ErrPassphrase
	case err != nil:
		// The header itself is broken or cut off.
		return ErrDecrypt
	}
	out, err := os.Create(dest)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		if _, ok := err.(*fs.PathError); ok {
			return err // writing the copy failed, not the backup
		}
		return ErrDecrypt
	}
	return out.Close()
}

func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dest, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
