package update

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/release"
	"github.com/reqdesk/reqdesk/internal/tlscert"
)

// releaseDir writes a signed release of version v for this system.
func releaseDir(t *testing.T, v, body string, key ed25519.PrivateKey) string {
	dir := t.TempDir()
	name := "reqdesk-" + v + "-" + runtime.GOOS + "-" + runtime.GOARCH
	os.WriteFile(filepath.Join(dir, name), []byte(body), 0o755)
	m := &release.Manifest{Product: "reqdesk", Version: v, Commit: "c", Date: "2026-12-04T00:00:00Z", Notes: "- 新功能"}
	if err := m.AddFile(dir, name, runtime.GOOS, runtime.GOARCH, "binary"); err != nil {
		t.Fatal(err)
	}
	raw := m.Encode()
	os.WriteFile(filepath.Join(dir, release.ManifestName), raw, 0o644)
	os.WriteFile(filepath.Join(dir, release.SignatureName), release.Sign(raw, key), 0o644)
	os.WriteFile(filepath.Join(dir, release.SumsName), m.Sums(), 0o644)
	return dir
}

// TestUpdaterFromTeam: a laptop joined to a team server over https finds
// the release in the server's /releases/ through the certificate pinned
// at join, downloads it on the user's word and stages it; a server with
// another certificate is refused.
func TestUpdaterFromTeam(t *testing.T) {
	pub, key, _ := ed25519.GenerateKey(rand.Reader)
	srvData := t.TempDir()
	if _, err := Publish(releaseDir(t, "1.1.0", "program B", key), filepath.Join(srvData, "releases"), pub); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/releases/", Releases(filepath.Join(srvData, "releases"), "/releases/"))
	srv := httptest.NewTLSServer(mux)
	defer srv.Close()
	fp := tlscert.Fingerprint(srv.Certificate().Raw)

	exe := filepath.Join(t.TempDir(), "reqdesk")
	os.WriteFile(exe, []byte("program A"), 0o755)
	dir := filepath.Join(t.TempDir(), "update")
	var events []Status
	newUpdater := func(pin string) *Updater {
		u := New(Config{Dir: dir, Exe: exe, Version: "1.0.0", Key: pub,
			Team: func(context.Context) (string, string, bool) { return srv.URL, pin, true }})
		u.OnStatus(func(s Status) { events = append(events, s) })
		return u
	}
	u := newUpdater(fp)
	if _, err := u.Download(context.Background()); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("download before a check: %v", err)
	}
	st, err := u.Check(context.Background())
	if err != nil || !st.FromTeam || st.Source != srv.URL+"/releases/" || st.Available == nil ||
		st.Available.Version != "1.1.0" || st.Available.Notes != "- 新功能" || st.InstallBlocked != nil {
		t.Fatalf("check: %v %+v", err, st)
	}
	if st, err = u.Download(context.Background()); err != nil || st.Staged == nil || st.Staged.Version != "1.1.0" {
		t.Fatalf("download: %v %+v", err, st)
	}
	if len(events) == 0 || events[len(events)-1].Staged == nil {
		t.Fatalf("the window was not told: %+v", events)
	}
	// A new start of the updater (the program restarted before the
	// switch) sees what is staged.
	if st := newUpdater(fp).Status(); st.Staged == nil || st.Staged.Version != "1.1.0" {
		t.Fatalf("staged after a restart: %+v", st)
	}
	// The switch at the next start, recorded for the window.
	if v, err := Start(dir, exe, "1.0.0", pub); err != nil || v != "1.1.0" {
		t.Fatalf("start: %q %v", v, err)
	}
	if b, _ := os.ReadFile(exe); string(b) != "program B" {
		t.Fatalf("exe is %q", b)
	}
	u2 := New(Config{Dir: dir, Exe: exe, Version: "1.1.0", Key: pub})
	if st := u2.Status(); st.Applied == nil || st.Applied.From != "1.0.0" || st.Staged != nil {
		t.Fatalf("after the switch: %+v", st)
	}

	// The server presents another certificate than the one pinned:
	// refused, nothing offered.
	u = New(Config{Dir: t.TempDir(), Exe: exe, Version: "1.0.0", Key: pub,
		Team: func(context.Context) (string, string, bool) {
			return srv.URL, tlscert.Fingerprint([]byte("another")), true
		}})
	if st, err := u.Check(context.Background()); err == nil || st.Available != nil || st.Error == nil || st.Error.Key != "update_unreachable" {
		t.Fatalf("another certificate: %v %+v", err, st)
	}
}

func TestUpdaterBlockedAndOffline(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	dir := t.TempDir()
	for _, c := range []struct {
		version string
		key     ed25519.PublicKey
		want    string
	}{{"1.0.0", nil, "update_no_key"}, {"dev", pub, "update_dev_build"}} {
		u := New(Config{Dir: dir, Version: c.version, Key: c.key})
		if st := u.Status(); st.Blocked == nil || st.Blocked.Key != c.want {
			t.Errorf("%s: %+v", c.want, st)
		}
		if _, err := u.Check(context.Background()); err == nil {
			t.Errorf("%s: checked anyway", c.want)
		}
	}
	// No team, no address: said plainly.
	u := New(Config{Dir: dir, Version: "1.0.0", Key: pub})
	if _, err := u.Check(context.Background()); err == nil || !strings.Contains(err.Error(), "没有更新地址") {
		t.Fatalf("no source: %v", err)
	}
	// Offline: an address nobody answers fails quickly and is kept.
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	if _, err := u.SetAddress(srv.URL + "/releases"); err != nil {
		t.Fatal(err)
	}
	if got := LoadAddress(dir); got != srv.URL+"/releases/" {
		t.Fatalf("address kept as %q", got)
	}
	st, err := u.Check(context.Background())
	if err == nil || st.Error == nil || st.Error.Key != "update_unreachable" || st.Checking {
		t.Fatalf("offline: %v %+v", err, st)
	}
	if _, err := u.SetAddress("ftp://x/"); apperr.CodeOf(err) != apperr.Invalid || LoadAddress(dir) != srv.URL+"/releases/" {
		t.Fatalf("a bad address: %v, kept %q", err, LoadAddress(dir))
	}
	if _, err := u.SetAddress(""); err != nil || LoadAddress(dir) != "" {
		t.Fatalf("clearing the address: %v", err)
	}
}

// TestReleasesServesReadOnly: the team server's /releases/ serves the plain
// files of the folder and nothing else.
func TestReleasesServesReadOnly(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{}`), 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden"), []byte("x"), 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	secret := filepath.Join(filepath.Dir(dir), "secret")
	os.WriteFile(secret, []byte("secret"), 0o600)
	os.Symlink(secret, filepath.Join(dir, "link"))
	h := Releases(dir, "/releases/")
	for _, c := range []struct {
		method, path string
		code         int
	}{
		{"GET", "/releases/manifest.json", 200}, {"HEAD", "/releases/manifest.json", 200},
		{"PUT", "/releases/manifest.json", 405}, {"POST", "/releases/x", 405}, {"DELETE", "/releases/manifest.json", 405},
		{"GET", "/releases/", 404}, {"GET", "/releases/.hidden", 404}, {"GET", "/releases/sub", 404},
		{"GET", "/releases/../secret", 404}, {"GET", "/releases/link", 404}, {"GET", "/releases/sub/x", 404},
	} {
		r := httptest.NewRequest(c.method, "http://x"+c.path, nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != c.code {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, w.Code, c.code)
		}
	}
}

func TestPublish(t *testing.T) {
	pub, key, _ := ed25519.GenerateKey(rand.Reader)
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	dst := filepath.Join(t.TempDir(), "releases")
	if _, err := Publish(releaseDir(t, "1.1.0", "B", key), dst, pub); err != nil {
		t.Fatal(err)
	}
	// Refused releases leave the published one as it was.
	bad := releaseDir(t, "1.2.0", "C", key)
	os.WriteFile(filepath.Join(bad, "reqdesk-1.2.0-"+runtime.GOOS+"-"+runtime.GOARCH), []byte("X"), 0o755)
	for _, src := range []string{releaseDir(t, "1.2.0", "C", other), bad} {
		if _, err := Publish(src, dst, pub); err == nil {
			t.Error("a bad release was published")
		}
	}
	if m, err := release.VerifyDir(dst, pub); err != nil || m.Version != "1.1.0" {
		t.Fatalf("published: %v %v", m, err)
	}
	if m, err := Publish(releaseDir(t, "1.2.0", "C", key), dst, pub); err != nil || m.Version != "1.2.0" {
		t.Fatal(err)
	}
	list, _ := os.ReadDir(filepath.Dir(dst))
	if len(list) != 1 {
		t.Errorf("left beside the folder: %v", list)
	}
	if _, err := Publish(releaseDir(t, "1.3.0", "D", key), dst, nil); err == nil {
		t.Error("published without a key")
	}
}

// TestSwitchCutShort: what a switch cut short leaves never loses the
// program, and the next start tidies it.
func TestSwitchCutShort(t *testing.T) {
	pub, key, _ := ed25519.GenerateKey(rand.Reader)
	src := releaseDir(t, "1.1.0", "program B", key)
	d := t.TempDir()
	exe := filepath.Join(d, "reqdesk")
	stage := filepath.Join(d, "update")
	os.WriteFile(exe, []byte("program A"), 0o755)
	c := &http.Client{}
	srv := httptest.NewServer(http.FileServer(http.Dir(src)))
	defer srv.Close()
	a := ver(t, "1.0.0")
	o, err := Check(context.Background(), c, srv.URL+"/", a, pub, runtime.GOOS, runtime.GOARCH)
	if err != nil {
		t.Fatal(err)
	}
	if err := Stage(context.Background(), c, o, stage, a); err != nil {
		t.Fatal(err)
	}
	// A download killed midway left a staging folder; a switch killed
	// after copying left exe.new.
	os.MkdirAll(filepath.Join(stage, "staging-123"), 0o700)
	os.WriteFile(exe+".new", []byte("half"), 0o755)
	if v, err := Start(stage, exe, "1.0.0", pub); err != nil || v != "1.1.0" {
		t.Fatalf("start: %q %v", v, err)
	}
	if b, _ := os.ReadFile(exe); string(b) != "program B" {
		t.Fatalf("exe %q", b)
	}
	for _, p := range []string{exe + ".new", filepath.Join(stage, "staging-123"), filepath.Join(stage, "pending")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s left", p)
		}
	}
	// Killed after the switch but before the staging was removed: B's
	// start finds its own version staged and removes it quietly.
	if err := Stage(context.Background(), c, o, stage, a); err != nil {
		t.Fatal(err)
	}
	if v, err := Start(stage, exe, "1.1.0", pub); err != nil || v != "" {
		t.Fatalf("B's start: %q %v", v, err)
	}
	if _, err := os.Stat(filepath.Join(stage, "pending")); err == nil {
		t.Error("the staging stays")
	}
	// A program folder that takes no files: said before downloading.
	if runtime.GOOS != "windows" && os.Getuid() != 0 {
		ro := t.TempDir()
		os.Chmod(ro, 0o555)
		defer os.Chmod(ro, 0o755)
		if Writable(filepath.Join(ro, "reqdesk")) == nil {
			t.Error("a read-only folder is writable")
		}
	}
}

// TestUpdaterRun: the background schedule finds a release by itself and
// tells the window; with nowhere to look it waits quietly until an address
// is set, which is checked at once.
func TestUpdaterRun(t *testing.T) {
	pub, key, _ := ed25519.GenerateKey(rand.Reader)
	srv := httptest.NewServer(http.FileServer(http.Dir(releaseDir(t, "1.1.0", "program B", key))))
	defer srv.Close()
	exe := filepath.Join(t.TempDir(), "reqdesk")
	os.WriteFile(exe, []byte("program A"), 0o755)
	u := New(Config{Dir: t.TempDir(), Exe: exe, Version: "1.0.0", Key: pub, Wait: time.Millisecond})
	found := make(chan Status, 16)
	u.OnStatus(func(s Status) { found <- s })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go u.Run(ctx)
	select {
	case s := <-found:
		t.Fatalf("checked with nowhere to look: %+v", s)
	case <-time.After(100 * time.Millisecond):
	}
	if st := u.Status(); st.Error != nil || st.CheckedAt != nil {
		t.Fatalf("an error shown with nowhere to look: %+v", st)
	}
	if _, err := u.SetAddress(srv.URL); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(10 * time.Second)
	for {
		select {
		case s := <-found:
			if s.Available != nil && s.Available.Version == "1.1.0" && !s.Checking {
				return
			}
		case <-deadline:
			t.Fatalf("no release found in the background: %+v", u.Status())
		}
	}
}
