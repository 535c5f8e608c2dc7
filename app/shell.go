package app

import (
	"context"
	"os"
	"path/filepath"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/filename"
)

// Shell is the desktop window's side of the program: the Wails runtime,
// available once the window has started. Serve mode has none, and the
// browser saves and opens files itself.
type Shell struct {
	mu  sync.Mutex
	ctx context.Context
	// notifications is whether the OS accepted our notifications.
	notifications bool
	// restart is set when the window closes so the program starts again.
	restart bool
}

// Startup keeps the window's runtime context; Wails calls it (OnStartup).
func (s *Shell) Startup(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ctx = ctx
	s.notifications = runtime.InitializeNotifications(ctx) == nil && runtime.IsNotificationAvailable(ctx)
}

func (s *Shell) runtime() (context.Context, error) {
	if s == nil {
		return nil, apperr.New(apperr.Invalid, "desktop_only", nil)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ctx == nil {
		return nil, apperr.New(apperr.Invalid, "window_not_ready", nil)
	}
	return s.ctx, nil
}

// Notify shows an OS notification, when the OS offers them.
func (s *Shell) Notify(id, title, body string) error {
	ctx, err := s.runtime()
	if err != nil {
		return err
	}
	s.mu.Lock()
	ok := s.notifications
	s.mu.Unlock()
	if !ok {
		return nil
	}
	return runtime.SendNotification(ctx, runtime.NotificationOptions{ID: id, Title: title, Body: body})
}

// safeName makes a suggested file name safe to save under (one path
// element, see internal/filename).
func safeName(name string) string {
	if name = filename.Clean(name); name == "" {
		return "reqdesk-file"
	}
	return name
}

// saveDialog asks where to save a file called name, starting in the
// user's documents; "" means the user cancelled.
func saveDialog(ctx context.Context, name string) (string, error) {
	home, _ := os.UserHomeDir()
	dir := filepath.Join(home, "Documents")
	if _, err := os.Stat(dir); err != nil {
		dir = home
	}
	return runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{
		Title: "保存文件", DefaultFilename: safeName(name), DefaultDirectory: dir, CanCreateDirectories: true,
	})
}

// SaveFile asks where to save data with the native dialog and writes it
// there. It returns the path, or "" when the user cancelled.
func (a *SystemApp) SaveFile(name string, data []byte) (_ string, err error) {
	defer a.d.guard("system.saveFile", &err)
	ctx, err := a.d.Shell.runtime()
	if err != nil {
		return "", err
	}
	path, err := saveDialog(ctx, name)
	if err != nil || path == "" {
		return "", err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return "", apperr.New(apperr.Invalid, "file_write_failed", apperr.P{"path": path, "detail": err.Error()})
	}
	return path, nil
}

// OpenFile writes data to a temporary file and opens it in the system's
// viewer, for printing a document at the customer's desk.
func (a *SystemApp) OpenFile(name string, data []byte) (err error) {
	defer a.d.guard("system.openFile", &err)
	ctx, err := a.d.Shell.runtime()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "reqdesk-open-")
	if err != nil {
		return err
	}
	path := filepath.Join(dir, safeName(name))
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return err
	}
	runtime.BrowserOpenURL(ctx, "file://"+filepath.ToSlash(path))
	return nil
}

// IsDesktop tells the UI whether it runs in the desktop window, where files
// are saved through the native dialog.
func (a *SystemApp) IsDesktop() bool { return a.d.Shell != nil }

// RequestRestart closes the window so that the program starts again, to
// apply a restore chosen in the UI.
func (s *Shell) RequestRestart() error {
	ctx, err := s.runtime()
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.restart = true
	s.mu.Unlock()
	runtime.Quit(ctx)
	return nil
}

// RestartRequested reports whether the window closed to start again.
func (s *Shell) RestartRequested() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.restart
}
