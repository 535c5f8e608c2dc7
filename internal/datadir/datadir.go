// Package datadir finds where ReqDesk keeps its database: the operating
// system's per-user data directory, unless the user names another.
package datadir

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"

	"github.com/gofrs/flock"
)

// AppName is the folder name under the user data directory.
const AppName = "reqdesk"

// DatabaseFile is the database's file name inside the data directory.
const DatabaseFile = "reqdesk.db"

// Default returns the per-user data directory: $XDG_DATA_HOME/reqdesk or
// ~/.local/share/reqdesk on Linux, %AppData%\reqdesk on Windows, and
// ~/Library/Application Support/reqdesk on macOS.
func Default() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(dir, AppName), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(x) {
		return filepath.Join(x, AppName), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", errors.New("cannot find the home directory; use --data DIR")
	}
	return filepath.Join(home, ".local", "share", AppName), nil
}

// Prepare makes dir (or the default when dir is empty) exist and returns it
// with the database path inside it.
func Prepare(dir string) (string, string, error) {
	if dir == "" {
		var err error
		if dir, err = Default(); err != nil {
			return "", "", err
		}
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", err
	}
	return dir, filepath.Join(dir, DatabaseFile), nil
}

// ErrInUse is returned when another ReqDesk process has the data directory.
var ErrInUse = errors.New("需求管家已在运行：这个数据目录正被另一个窗口或进程使用")

// Lock takes the data directory for this process, so that only one process
// writes its database at a time. It returns the function that releases it.
func Lock(dir string) (func(), error) {
	l := flock.New(filepath.Join(dir, "reqdesk.lock"))
	ok, err := l.TryLock()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrInUse
	}
	return func() { l.Unlock() }, nil
}
