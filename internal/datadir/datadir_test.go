package datadir_test

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/reqdesk/reqdesk/internal/datadir"
)

func TestLock(t *testing.T) {
	dir := t.TempDir()
	unlock, err := datadir.Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := datadir.Lock(dir); !errors.Is(err, datadir.ErrInUse) {
		t.Fatalf("second lock: %v, want ErrInUse", err)
	}
	unlock()
	again, err := datadir.Lock(dir)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again()
}

func TestPrepare(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	got, db, err := datadir.Prepare(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got != dir || db != filepath.Join(dir, datadir.DatabaseFile) {
		t.Fatalf("Prepare = %q %q", got, db)
	}
	t.Setenv("XDG_DATA_HOME", "/srv/data")
	if d, _ := datadir.Default(); d != "/srv/data/reqdesk" {
		t.Fatalf("Default with XDG_DATA_HOME = %q", d)
	}
}
