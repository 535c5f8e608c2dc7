package tests_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// binary returns the built program, skipping the test when none was named
// (a plain `go test` by a developer) and failing when the named one is absent.
func binary(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("REQDESK_BIN")
	if bin == "" {
		t.Skip("REQDESK_BIN not set: run `make test`, which builds the program first")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("REQDESK_BIN: %v", err)
	}
	return bin
}

// repoRoot returns the repository's top directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// artifactDir returns tests/artifacts, where tests leave screenshots for people.
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "tests", "artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}
