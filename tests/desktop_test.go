package tests_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
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
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	display := startXvfb(t, ctx, "1366x768")
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
	// The page renders: the screenshot shows the menu and the form, in many
	// colours. WebKit's first page can take most of a minute while the other
	// test packages run beside it on two cores.
	shot := filepath.Join(artifactDir(t), "desktop.png")
	var last string
	waitFor(t, 90*time.Second, "a rendered page", func() bool {
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

// startXvfb starts a virtual X server with one screen of size (e.g.
// "1366x768") and returns its display. Xvfb picks a free display itself
// (-displayfd) and is stopped with SIGTERM so it removes its socket and lock:
// a server killed outright leaves both behind, and a search of its own over
// display numbers once found every one of them taken by such leftovers.
func startXvfb(t *testing.T, ctx context.Context, size string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	x := exec.CommandContext(ctx, "Xvfb", "-displayfd", "3", "-screen", "0", size+"x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	x.Cancel = func() error { return x.Process.Signal(syscall.SIGTERM) }
	x.WaitDelay = 5 * time.Second
	var logs bytes.Buffer
	x.Stdout, x.Stderr = &logs, &logs
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { x.Process.Signal(syscall.SIGTERM); x.Wait() })
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	var n string
	select {
	case n = <-got:
	case <-time.After(20 * time.Second):
	}
	if _, err := strconv.Atoi(n); err != nil {
		t.Fatalf("could not start Xvfb (display %q):\n%s", n, logs.String())
	}
	display := ":" + n
	waitFor(t, 10*time.Second, "Xvfb on "+display, func() bool {
		return exec.Command("xwininfo", "-display", display, "-root").Run() == nil
	})
	return display
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

// TestDesktopWindowFitsTheScreen opens the real window on laptop screens:
// it is wholly on the screen (its top bar too), keeps the size and place the
// user gave it when it is closed and opened again, and is fitted again to a
// smaller screen.
func TestDesktopWindowFitsTheScreen(t *testing.T) {
	bin := binary(t)
	for _, tool := range []string{"Xvfb", "xwininfo", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s missing: `make test` installs it (scripts/setup.sh test)", tool)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	onScreen := func(t *testing.T, g geometry, w, h int) {
		t.Helper()
		if g.x < 0 || g.y < 0 || g.x+g.w > w || g.y+g.h > h {
			t.Fatalf("window %+v is not wholly on the %dx%d screen", g, w, h)
		}
	}

	laptop := startXvfb(t, ctx, "1366x768")
	data := t.TempDir()
	t.Run("FirstOpeningFits1366x768", func(t *testing.T) {
		w := openWindow(t, ctx, bin, laptop, data)
		onScreen(t, w.placed(t), 1366, 768)
		// The user makes it smaller and moves it, then closes it.
		w.xdotool(t, "windowsize", w.id, "1100", "650")
		w.xdotool(t, "windowmove", w.id, "30", "50")
		w.waitGeometry(t, geometry{30, 50, 1100, 650})
		w.close(t)
	})
	t.Run("RemembersSizeAndPlace", func(t *testing.T) {
		w := openWindow(t, ctx, bin, laptop, data)
		w.waitGeometry(t, geometry{30, 50, 1100, 650})
		// Made larger than a smaller screen has room for.
		w.xdotool(t, "windowsize", w.id, "1340", "760")
		w.xdotool(t, "windowmove", w.id, "10", "4")
		w.waitGeometry(t, geometry{10, 4, 1340, 760})
		w.close(t)
	})
	small := startXvfb(t, ctx, "1280x720")
	t.Run("FitsASmallerScreen", func(t *testing.T) {
		w := openWindow(t, ctx, bin, small, data)
		onScreen(t, w.placed(t), 1280, 720)
		w.close(t)
	})
	t.Run("FirstOpeningFits1280x720", func(t *testing.T) {
		w := openWindow(t, ctx, bin, small, t.TempDir())
		onScreen(t, w.placed(t), 1280, 720)
		w.close(t)
	})
}

// geometry is a window's place and size as xwininfo reports them.
type geometry struct{ x, y, w, h int }

// syncBuffer is a buffer the program's output goes to while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

type desktopWindow struct {
	app     *exec.Cmd
	display string
	id      string
	logs    *syncBuffer
	exited  chan error
	gone    bool // the program has ended
}

// openWindow starts the program on display and data and waits for its window.
func openWindow(t *testing.T, ctx context.Context, bin, display, data string) *desktopWindow {
	t.Helper()
	w := &desktopWindow{display: display, logs: &syncBuffer{}, exited: make(chan error, 1)}
	w.app = exec.CommandContext(ctx, bin, "--data", data)
	w.app.Env = append(os.Environ(), "DISPLAY="+display, "NO_AT_BRIDGE=1")
	w.app.Stdout, w.app.Stderr = w.logs, w.logs
	if err := w.app.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { w.exited <- w.app.Wait() }()
	t.Cleanup(func() {
		if !w.gone {
			w.app.Process.Kill()
			<-w.exited
		}
		if t.Failed() {
			t.Logf("app output:\n%s", w.logs.String())
		}
	})
	line := regexp.MustCompile(`(?m)^\s*(0x[0-9a-f]+) "[^"]*ReqDesk[^"]*":.*\s(\d+)x(\d+)\+`)
	waitFor(t, 60*time.Second, "the window", func() bool {
		out, _ := exec.Command("xwininfo", "-display", display, "-root", "-children").Output()
		m := line.FindSubmatch(out)
		if m == nil {
			return false
		}
		w.id = string(m[1])
		return true
	})
	return w
}

// geometry reads the window's place and size.
func (w *desktopWindow) geometry(t *testing.T) geometry {
	t.Helper()
	out, err := exec.Command("xwininfo", "-display", w.display, "-id", w.id).Output()
	if err != nil {
		t.Fatalf("xwininfo: %v", err)
	}
	field := func(name string) int {
		m := regexp.MustCompile(name + `:\s+(-?\d+)`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("xwininfo without %s:\n%s", name, out)
		}
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	return geometry{field("Absolute upper-left X"), field("Absolute upper-left Y"), field("Width"), field("Height")}
}

// placed waits until the page has loaded and the program has fitted the
// window to its screen (it no longer changes), and returns where it is.
func (w *desktopWindow) placed(t *testing.T) geometry {
	t.Helper()
	waitFor(t, 90*time.Second, "the program to place the window", func() bool {
		return strings.Contains(w.logs.String(), "window placed")
	})
	var last geometry
	same := 0
	waitFor(t, 60*time.Second, "the window to settle", func() bool {
		g := w.geometry(t)
		if g == last {
			same++
		} else {
			last, same = g, 0
		}
		return same >= 2
	})
	return last
}

// waitGeometry waits until the window is at want.
func (w *desktopWindow) waitGeometry(t *testing.T, want geometry) {
	t.Helper()
	waitFor(t, 90*time.Second, "the program to place the window", func() bool {
		return strings.Contains(w.logs.String(), "window placed")
	})
	var got geometry
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if got = w.geometry(t); got == want {
			// Still so a moment later: not a passing state before placing.
			time.Sleep(3 * time.Second)
			if got = w.geometry(t); got == want {
				return
			}
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Fatalf("window at %+v, want %+v", got, want)
}

// xdotool runs xdotool on the window's display, as a user's mouse would.
func (w *desktopWindow) xdotool(t *testing.T, args ...string) {
	t.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+w.display)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xdotool %v: %v %s", args, err, out)
	}
}

// close ends the program as a logout does (SIGTERM) and waits for it.
func (w *desktopWindow) close(t *testing.T) {
	t.Helper()
	if err := w.app.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-w.exited:
		w.gone = true
		if err != nil {
			t.Fatalf("the program ended with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the program did not end within 30 s of SIGTERM")
	}
}
