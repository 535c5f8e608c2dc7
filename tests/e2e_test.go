package tests_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestBrowserEndToEnd runs the Playwright flows in frontend/e2e against
// `reqdesk serve` in Debian's Chromium: registering a customer and a request
// through the UI, finding it, editing it, and finding it again after a restart.
func TestBrowserEndToEnd(t *testing.T) {
	bin := binary(t)
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Fatal("chromium missing: `make test` installs it (scripts/setup.sh test)")
	}
	dir := filepath.Join(repoRoot(t), "frontend")
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "--test", "--test-reporter=spec", "e2e/")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "REQDESK_BIN="+bin)
	out, err := cmd.CombinedOutput()
	t.Logf("node --test e2e/:\n%s", out)
	if err != nil {
		t.Fatalf("end-to-end tests failed: %v", err)
	}
}
