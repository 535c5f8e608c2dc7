package tests_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestDesktopWindow starts the real desktop binary under Xvfb on a temporary
// data directory, waits for its window, and checks that a screenshot shows a
// rendered page rather than an empty or black window.
func TestDesktopWindow(t *testing.T) {
	bin := binary(t)
	for _, tool := range []string{"Xvfb", "xwininfo", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s missing: `make test` installs it (scripts/setup.sh test)", tool)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	display := startXvfb(t, ctx)
	data := t.TempDir()
	var logs bytes.Buffer
	app := exec.CommandContext(ctx, bin, "--data", data)
	app.Env = append(os.Environ(), "DISPLAY="+display, "NO_AT_BRIDGE=1")
	app.Stdout, app.Stderr = &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		app.Process.Kill()
		app.Wait()
		if t.Failed() {
			t.Logf("app output:\n%s", logs.String())
		}
	}()

	// The window appears with its title.
	waitFor(t, 30*time.Second, "the window", func() bool {
		out, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
		return bytes.Contains(out, []byte("ReqDesk"))
	})
	if _, err := os.Stat(filepath.Join(data, "reqdesk.db")); err != nil {
		t.Fatalf("the app did not create its database: %v", err)
	}
	// The page renders: the screenshot shows the menu and the form, in many colours.
	shot := filepath.Join(artifactDir(t), "desktop.png")
	var last string
	waitFor(t, 45*time.Second, "a rendered page", func() bool {
		if err := exec.Command("import", "-display", display, "-window", "root", shot).Run(); err != nil {
			last = err.Error()
			return false
		}
		colours, inked, err := inspect(shot)
		last = fmt.Sprintf("%d colours, %.1f%% non-background", colours, inked*100)
		return err == nil && colours > 50 && inked > 0.02
	})
	t.Logf("screenshot %s: %s", shot, last)
}

func startXvfb(t *testing.T, ctx context.Context) string {
	t.Helper()
	for n := 90 + os.Getpid()%50; n < 200; n++ {
		display := fmt.Sprintf(":%d", n)
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); err == nil {
			continue
		}
		x := exec.CommandContext(ctx, "Xvfb", display, "-screen", "0", "1366x820x24", "-nolisten", "tcp")
		if err := x.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { x.Process.Kill(); x.Wait() })
		ok := false
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if exec.Command("xwininfo", "-display", display, "-root").Run() == nil {
				ok = true
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if ok {
			return display
		}
	}
	t.Fatal("could not start Xvfb")
	return ""
}

func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s after %s", what, limit)
}

// inspect counts the distinct colours of a PNG and the share of pixels that
// differ from its commonest colour.
func inspect(path string) (int, float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return 0, 0, err
	}
	counts := map[uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			counts[(r>>8)<<16|(g>>8)<<8|bl>>8]++
		}
	}
	most := 0
	for _, n := range counts {
		most = max(most, n)
	}
	total := b.Dx() * b.Dy()
	return len(counts), float64(total-most) / float64(total), nil
}
