package store_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/reqdesk/reqdesk/internal/store"
)

// TestFreeName: two backups of the same kind in one second get two names.
func TestFreeName(t *testing.T) {
	dir := t.TempDir()
	first := store.FreeName(dir, "reqdesk-premigrate-v7-", "20260315-093000")
	if got, want := filepath.Base(first), "reqdesk-premigrate-v7-20260315-093000.db"; got != want {
		t.Fatalf("first = %s, want %s", got, want)
	}
	os.WriteFile(first, []byte("kept"), 0o600)
	second := store.FreeName(dir, "reqdesk-premigrate-v7-", "20260315-093000")
	if got, want := filepath.Base(second), "reqdesk-premigrate-v7-2-20260315-093000.db"; got != want {
		t.Fatalf("second = %s, want %s", got, want)
	}
}
