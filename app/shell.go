package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/filename"
	"github.com/reqdesk/reqdesk/internal/window"
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
	// placed is set once the window was fitted to its screen.
	placed bool
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

// PlaceWindow sizes and places the window to fit the screen it opened on,
// as it was when last closed (kept in the data directory dir) or, the first
// time, at the preferred size shrunk to fit. Wails calls it when the page is
// ready (OnDomReady), once the window is on a screen whose size is known; a
// reload of the page leaves the window where the user put it.
func (s *Shell) PlaceWindow(dir string, log *slog.Logger) {
	ctx, err := s.runtime()
	if err != nil {
		return
	}
	s.mu.Lock()
	placed := s.placed
	s.placed = true
	s.mu.Unlock()
	if placed {
		return
	}
	saved, err := window.Load(dir)
	if err != nil {
		log.Warn("window size and place not read", "err", err)
	}
	screens, err := runtime.ScreenGetAll(ctx)
	if err != nil || len(screens) == 0 {
		log.Warn("screen size unknown", "err", err)
		return
	}
	screen := screens[0]
	for _, sc := range screens {
		if sc.IsCurrent {
			screen = sc
			break
		}
	}
	g := window.Fit(saved, screen.Size.Width, screen.Size.Height)
	runtime.WindowSetSize(ctx, g.Width, g.Height)
	runtime.WindowSetPosition(ctx, g.X, g.Y)
	if g.Maximised {
		runtime.WindowMaximise(ctx)
	}
	log.Info("window placed", "x", g.X, "y", g.Y, "width", g.Width, "height", g.Height,
		"screen", fmt.Sprintf("%dx%d", screen.Size.Width, screen.Size.Height), "remembered", saved != nil)
}

// SaveWindow keeps the window's size and place in the data directory dir,
// for PlaceWindow at the next start; Wails calls it as the window closes
// (OnBeforeClose). A maximised window keeps the size it had before.
func (s *Shell) SaveWindow(dir string, log *slog.Logger) {
	ctx, err := s.runtime()
	if err != nil {
		return
	}
	var g window.Geometry
	if runtime.WindowIsMaximised(ctx) {
		if saved, _ := window.Load(dir); saved != nil {
			g = *saved
		}
		g.Maximised = true
	} else {
		g.Width, g.Height = runtime.WindowGetSize(ctx)
		g.X, g.Y = runtime.WindowGetPosition(ctx)
	}
	if g.Width <= 0 || g.Height <= 0 {
		return
	}
	if err := window.Save(dir, g); err != nil {
		log.Warn("window size and place not kept", "err", err)
	}
}

// Quit closes the window as its close button does (the size and place are
// kept); the program ends when it has closed. It reports false when the
// window is not open yet.
func (s *Shell) Quit() bool {
	ctx, err := s.runtime()
	if err != nil {
		return false
	}
	runtime.Quit(ctx)
	return true
}

// Emit sends an event to the window's frontend (Wails EventsEmit); before
// the window starts, and in serve mode, there is no one to send it to.
func (s *Shell) Emit(name string, data any) {
	ctx, err := s.runtime()
	if err != nil {
		return
	}
	runtime.EventsEmit(ctx, name, data)
}
