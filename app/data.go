package app

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/store"
)

// DataApp is 数据与备份: the backups beside the database, restoring one
// (staged, done at the next start: see backup.Stage), backups to take away,
// and the choices offered when the database is found damaged.
type DataApp struct {
	d       Deps
	uploads *uploads
}

// MaxUploadChunk bounds one piece of an uploaded backup; serve mode's
// request size limit is above it, base64 included.
const MaxUploadChunk = 4 << 20

// MaxUpload bounds an uploaded backup file.
const MaxUpload = 4 << 30

func (a *DataApp) dbPath() string    { return a.d.Store.Path() }
func (a *DataApp) backupDir() string { return store.BackupDir(a.dbPath()) }

// detail is the text of an error inside another message: the sentence of
// a user error (its Msg, so the UI translates it), else the Go text.
func detail(err error) any {
	if e, ok := apperr.As(err); ok && e.Key != "" {
		return apperr.Msg{Key: e.Key, Params: e.Params}
	}
	return err.Error()
}

// backupFile resolves the name of a file in the backups folder, refusing
// anything that is not one (paths, hidden files, other types).
func (a *DataApp) backupFile(name string) (backup.File, error) {
	bad := apperr.New(apperr.NotFound, "backup_not_found", apperr.P{"name": name})
	if name == "" || name != filepath.Base(name) || strings.HasPrefix(name, ".") {
		return backup.File{}, bad
	}
	files, err := backup.List(a.backupDir())
	if err != nil {
		return backup.File{}, err
	}
	for _, f := range files {
		if f.Name == name {
			return f, nil
		}
	}
	return backup.File{}, bad
}

// Backups lists the backups beside the database, newest first: automatic
// ones, those made before upgrades and restores, and files brought in.
func (a *DataApp) Backups() (_ []backup.File, err error) {
	defer a.d.guard("data.backups", &err)
	files, err := backup.List(a.backupDir())
	if files == nil {
		files = []backup.File{}
	}
	return files, err
}

// InspectBackup checks a backup (decrypting it with passphrase when it is
// encrypted) and says what it holds: schema version, requests, customers,
// the time of its last change.
func (a *DataApp) InspectBackup(name, passphrase string) (_ store.Summary, err error) {
	defer a.d.guard("data.inspectBackup", &err)
	f, err := a.backupFile(name)
	if err != nil {
		return store.Summary{}, err
	}
	sum, err := backup.Summarize(a.d.ctx(), f.Path, passphrase)
	return sum, err
}

// StageRestore makes a backup the database of the next start. Nothing
// changes until then; the current database is kept as a backup first.
func (a *DataApp) StageRestore(name, passphrase string) (_ backup.Pending, err error) {
	defer a.d.guard("data.stageRestore", &err)
	f, err := a.backupFile(name)
	if err != nil {
		return backup.Pending{}, err
	}
	p, err := backup.Stage(a.d.ctx(), a.dbPath(), f.Path, passphrase, a.d.Clock.Now())
	if err == nil {
		a.d.Log.Info("restore staged", "source", f.Name)
	}
	return p, err
}

// RestoreLatest stages the newest backup that checks out sound, for a
// damaged database. Encrypted backups need their passphrase and are passed
// over.
func (a *DataApp) RestoreLatest() (_ backup.Pending, err error) {
	defer a.d.guard("data.restoreLatest", &err)
	files, err := backup.List(a.backupDir())
	if err != nil {
		return backup.Pending{}, err
	}
	var last error
	for _, f := range files {
		if f.Encrypted {
			continue
		}
		p, err := backup.Stage(a.d.ctx(), a.dbPath(), f.Path, "", a.d.Clock.Now())
		if err == nil {
			a.d.Log.Info("restore of the latest backup staged", "source", f.Name)
			return p, nil
		}
		a.d.Log.Warn("backup passed over", "source", f.Name, "err", err)
		last = err
	}
	if last != nil {
		return backup.Pending{}, apperr.New(apperr.NotFound, "backup_none", apperr.P{"detail": detail(last)})
	}
	return backup.Pending{}, apperr.New(apperr.NotFound, "backup_none_plain", apperr.P{"dir": a.backupDir()})
}

// PendingRestore returns the restore waiting for the next start, or nil.
func (a *DataApp) PendingRestore() (_ *backup.Pending, err error) {
	defer a.d.guard("data.pendingRestore", &err)
	return backup.PendingRestore(a.dbPath())
}

// CancelRestore withdraws the restore waiting for the next start.
func (a *DataApp) CancelRestore() (err error) {
	defer a.d.guard("data.cancelRestore", &err)
	return backup.CancelPending(a.dbPath())
}

// LastRestore says how the last restore done at start-up went, or nil.
func (a *DataApp) LastRestore() (_ *backup.Result, err error) {
	defer a.d.guard("data.lastRestore", &err)
	return backup.LastResult(a.dbPath())
}

// Restart closes the desktop window and starts the program again, which
// applies a staged restore.
func (a *DataApp) Restart() (err error) {
	defer a.d.guard("data.restart", &err)
	return a.d.Shell.RequestRestart()
}

// PickBackupFile brings a backup chosen with the native dialog (desktop)
// into the backups folder, where it can be inspected and restored. It
// returns nil when the user cancelled.
func (a *DataApp) PickBackupFile() (_ *backup.File, err error) {
	defer a.d.guard("data.pickBackupFile", &err)
	ctx, err := a.d.Shell.runtime()
	if err != nil {
		return nil, err
	}
	path, err := runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{
		Title:   "选择备份文件",
		Filters: []runtime.FileFilter{{DisplayName: "需求管家备份 (*.db, *.db.age)", Pattern: "*.db;*.age"}},
	})
	if err != nil || path == "" {
		return nil, err
	}
	in, err := os.Open(path)
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "file_read_failed", apperr.P{"path": path, "detail": err.Error()})
	}
	defer in.Close()
	f, err := a.bringIn(filepath.Base(path), in)
	return &f, err
}

// bringIn copies a backup file into the backups folder under a new name,
// after checking it is one: an age-encrypted file, or a ReqDesk database.
func (a *DataApp) bringIn(name string, r io.Reader) (backup.File, error) {
	dir := a.backupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return backup.File{}, err
	}
	tmp, err := os.CreateTemp(dir, ".import-*.part")
	if err != nil {
		return backup.File{}, err
	}
	defer os.Remove(tmp.Name())
	_, err = io.Copy(tmp, r)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return backup.File{}, err
	}
	return a.keep(name, tmp.Name())
}

// keep checks the file at tmp and moves it into the backups folder.
func (a *DataApp) keep(name, tmp string) (backup.File, error) {
	enc, err := backup.Encrypted(tmp)
	if err != nil {
		return backup.File{}, err
	}
	ext := ".db"
	if enc {
		ext = ".db.age"
	} else if _, err := store.Describe(a.d.ctx(), tmp); err != nil {
		return backup.File{}, apperr.New(apperr.Invalid, "backup_unusable", apperr.P{"name": name, "detail": detail(err)})
	}
	dest := filepath.Join(a.backupDir(), "reqdesk-imported-"+a.d.Clock.Now().UTC().Format("20060102-150405")+ext)
	if _, err := os.Stat(dest); err == nil {
		return backup.File{}, apperr.New(apperr.Conflict, "backup_busy", nil)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return backup.File{}, err
	}
	a.d.Log.Info("backup brought in", "from", name, "as", dest)
	return a.backupFile(filepath.Base(dest))
}

// UploadState is how far an upload has got; File is set once it is in.
type UploadState struct {
	ID       string       `json:"id"`
	Received int64        `json:"received"`
	File     *backup.File `json:"file"`
}

// UploadBackup receives a backup file from a browser in pieces of at most
// MaxUploadChunk bytes: the first call has id "" and offset 0, each next one
// the id returned and the bytes received so far; the call with last set
// checks the file and brings it into the backups folder.
func (a *DataApp) UploadBackup(id, fileName string, offset int64, data []byte, last bool) (_ UploadState, err error) {
	defer a.d.guard("data.uploadBackup", &err)
	if len(data) > MaxUploadChunk {
		return UploadState{}, apperr.New(apperr.Invalid, "upload_chunk_too_large", nil)
	}
	u, err := a.uploads.piece(a.backupDir(), id, offset, data)
	if err != nil {
		return UploadState{}, err
	}
	st := UploadState{ID: u.id, Received: u.size}
	if !last {
		return st, nil
	}
	path := a.uploads.finish(u)
	defer os.Remove(path)
	f, err := a.keep(fileName, path)
	if err != nil {
		return UploadState{}, err
	}
	st.File = &f
	return st, nil
}

// uploads are the backups being received in pieces.
type uploads struct {
	mu   sync.Mutex
	open map[string]*upload
}

type upload struct {
	id   string
	path string
	size int64
}

func (us *uploads) piece(dir, id string, offset int64, data []byte) (*upload, error) {
	us.mu.Lock()
	defer us.mu.Unlock()
	if us.open == nil {
		us.open = map[string]*upload{}
	}
	var u *upload
	if id == "" {
		if offset != 0 {
			return nil, apperr.New(apperr.Invalid, "upload_from_start", nil)
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, err
		}
		b := make([]byte, 8)
		rand.Read(b)
		f, err := os.CreateTemp(dir, ".upload-*.part")
		if err != nil {
			return nil, err
		}
		f.Close()
		u = &upload{id: hex.EncodeToString(b), path: f.Name()}
		us.open[u.id] = u
	} else if u = us.open[id]; u == nil {
		return nil, apperr.New(apperr.NotFound, "upload_gone", nil)
	}
	if offset != u.size {
		return nil, apperr.New(apperr.Conflict, "upload_gap", nil)
	}
	if u.size+int64(len(data)) > MaxUpload {
		os.Remove(u.path)
		delete(us.open, u.id)
		return nil, apperr.New(apperr.Invalid, "upload_too_large", apperr.P{"dir": dir})
	}
	f, err := os.OpenFile(u.path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	u.size += int64(len(data))
	return u, nil
}

// finish forgets a complete upload and returns its file, now the caller's.
func (us *uploads) finish(u *upload) string {
	us.mu.Lock()
	defer us.mu.Unlock()
	delete(us.open, u.id)
	return u.path
}

// BackupToFolder writes a backup into a folder chosen with the native
// dialog (a USB stick), encrypted when a passphrase is given. It returns
// the file's path, or "" when the user cancelled.
func (a *DataApp) BackupToFolder(passphrase string) (_ string, err error) {
	defer a.d.guard("data.backupToFolder", &err)
	if err := backup.CheckPassphrase(passphrase); err != nil {
		return "", err
	}
	ctx, err := a.d.Shell.runtime()
	if err != nil {
		return "", err
	}
	dir, err := runtime.OpenDirectoryDialog(ctx, runtime.OpenDialogOptions{Title: "选择备份保存到的文件夹", CanCreateDirectories: true})
	if err != nil || dir == "" {
		return "", err
	}
	path, err := backup.Make(a.d.ctx(), a.d.Store, dir, passphrase, a.d.Clock.Now())
	if err != nil {
		return "", apperr.New(apperr.Invalid, "backup_failed", apperr.P{"detail": detail(err)})
	}
	a.d.Log.Info("backup to folder", "path", path, "encrypted", passphrase != "")
	return path, nil
}

// BackupDownload is a backup to save from a browser.
type BackupDownload struct {
	FileName string `json:"fileName"`
	Bytes    []byte `json:"bytes"`
}

// DownloadBackup makes a backup, encrypted when a passphrase is given, and
// returns it for the browser to save (serve mode).
func (a *DataApp) DownloadBackup(passphrase string) (_ BackupDownload, err error) {
	defer a.d.guard("data.downloadBackup", &err)
	if err := backup.CheckPassphrase(passphrase); err != nil {
		return BackupDownload{}, err
	}
	dir, err := os.MkdirTemp("", "reqdesk-download-")
	if err != nil {
		return BackupDownload{}, err
	}
	defer os.RemoveAll(dir)
	path, err := backup.Make(a.d.ctx(), a.d.Store, dir, passphrase, a.d.Clock.Now())
	if err != nil {
		return BackupDownload{}, err
	}
	data, err := os.ReadFile(path)
	return BackupDownload{FileName: filepath.Base(path), Bytes: data}, err
}

// OpenReadOnly keeps a damaged database open for reading only: every
// change is refused until a backup is restored.
func (a *DataApp) OpenReadOnly() (_ HealthReport, err error) {
	defer a.d.guard("data.openReadOnly", &err)
	a.d.Store.SetReadOnly(true)
	a.d.Log.Warn("database opened read-only at the user's choice")
	r := a.d.Health.Report()
	r.ReadOnly = true
	return r, nil
}
