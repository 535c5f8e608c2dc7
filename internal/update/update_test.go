package update

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/release"
)

// publish writes a signed release of version v with one Linux program
// holding body into a new folder, and serves it on loopback.
func publish(t *testing.T, v, body string, key ed25519.PrivateKey) (dir, url string) {
	dir = t.TempDir()
	name := "reqdesk-" + v + "-linux-amd64"
	os.WriteFile(filepath.Join(dir, name), []byte(body), 0o755)
	m := &release.Manifest{Product: "reqdesk", Version: v, Commit: "c", Date: "2026-12-04T00:00:00Z", Notes: "- 新功能"}
	if err := m.AddFile(dir, name, "linux", "amd64", "binary"); err != nil {
		t.Fatal(err)
	}
	raw := m.Encode()
	os.WriteFile(filepath.Join(dir, release.ManifestName), raw, 0o644)
	os.WriteFile(filepath.Join(dir, release.SignatureName), release.Sign(raw, key), 0o644)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return dir, srv.URL + "/"
}

func ver(t *testing.T, s string) release.Version {
	v, err := release.ParseVersion(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// installed is a program of version A in a folder of its own.
func installed(t *testing.T) (exe, stage string) {
	d := t.TempDir()
	exe = filepath.Join(d, "reqdesk")
	os.WriteFile(exe, []byte("program A"), 0o755)
	return exe, filepath.Join(d, "data", "update")
}

func mustRead(t *testing.T, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestUpdate(t *testing.T) {
	pub, key, _ := ed25519.GenerateKey(rand.Reader)
	ctx := context.Background()
	c := http.DefaultClient
	a := ver(t, "1.0.0")

	t.Run("AToB", func(t *testing.T) {
		exe, stage := installed(t)
		_, src := publish(t, "1.1.0", "program B", key)
		o, err := Check(ctx, c, src, a, pub, "linux", "amd64")
		if err != nil || o.Version.String() != "1.1.0" || o.Manifest.Notes != "- 新功能" {
			t.Fatalf("check: %v %+v", err, o)
		}
		if err := Stage(ctx, c, o, stage, a); err != nil {
			t.Fatal(err)
		}
		if mustRead(t, exe) != "program A" {
			t.Fatal("staging changed the running program")
		}
		// Next start: B is put in place, A kept beside it.
		m, err := ApplyPending(stage, exe, a, pub)
		if err != nil || m == nil || m.Version != "1.1.0" {
			t.Fatalf("apply: %v %+v", err, m)
		}
		if mustRead(t, exe) != "program B" || mustRead(t, exe+".old") != "program A" {
			t.Fatal("B not in place, or A not kept")
		}
		if fi, _ := os.Stat(exe); fi.Mode().Perm()&0o100 == 0 {
			t.Error("the new program is not executable")
		}
		// The start after: nothing pending, B stays.
		if m, err := ApplyPending(stage, exe, ver(t, "1.1.0"), pub); m != nil || err != nil {
			t.Fatalf("second start applied again: %v %v", m, err)
		}
		if mustRead(t, exe) != "program B" {
			t.Fatal("B did not survive the restart")
		}
		// B offered to B: up to date.
		if _, err := Check(ctx, c, src, ver(t, "1.1.0"), pub, "linux", "amd64"); !errors.Is(err, ErrUpToDate) {
			t.Fatalf("same version: %v", err)
		}
	})

	t.Run("TamperedFile", func(t *testing.T) {
		exe, stage := installed(t)
		dir, src := publish(t, "1.1.0", "program B", key)
		os.WriteFile(filepath.Join(dir, "reqdesk-1.1.0-linux-amd64"), []byte("program X"), 0o755)
		o, err := Check(ctx, c, src, a, pub, "linux", "amd64")
		if err != nil {
			t.Fatal(err)
		}
		if err := Stage(ctx, c, o, stage, a); err == nil || !strings.Contains(err.Error(), "与签名清单不符") {
			t.Fatalf("tampered download staged: %v", err)
		}
		if m, err := ApplyPending(stage, exe, a, pub); m != nil || err != nil || mustRead(t, exe) != "program A" {
			t.Fatalf("after a refused download: %v %v", m, err)
		}
	})

	t.Run("TamperedWhileStaged", func(t *testing.T) {
		exe, stage := installed(t)
		_, src := publish(t, "1.1.0", "program B", key)
		o, err := Check(ctx, c, src, a, pub, "linux", "amd64")
		if err != nil {
			t.Fatal(err)
		}
		if err := Stage(ctx, c, o, stage, a); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(stage, "pending", "program"), []byte("program X"), 0o755)
		if _, err := ApplyPending(stage, exe, a, pub); err == nil || !strings.Contains(err.Error(), "与签名清单不符") {
			t.Fatalf("altered staged program applied: %v", err)
		}
		if mustRead(t, exe) != "program A" {
			t.Fatal("the running version was not kept")
		}
		if _, err := os.Stat(filepath.Join(stage, "pending")); err == nil {
			t.Error("a refused update stays staged and would be tried at every start")
		}
	})

	t.Run("BadSignature", func(t *testing.T) {
		exe, _ := installed(t)
		_, other, _ := ed25519.GenerateKey(rand.Reader)
		_, src := publish(t, "1.1.0", "program B", other)
		if _, err := Check(ctx, c, src, a, pub, "linux", "amd64"); apperr.CodeOf(err) != apperr.Conflict || !strings.Contains(err.Error(), "签名无效") {
			t.Fatalf("release signed by another key: %v", err)
		}
		if mustRead(t, exe) != "program A" {
			t.Fatal("the running version was not kept")
		}
	})

	t.Run("Older", func(t *testing.T) {
		_, src := publish(t, "0.9.0", "program Z", key)
		if _, err := Check(ctx, c, src, a, pub, "linux", "amd64"); err == nil || !strings.Contains(err.Error(), "不会降级") {
			t.Fatalf("older release: %v", err)
		}
		_, src = publish(t, "1.0.0-rc.1", "program R", key)
		if _, err := Check(ctx, c, src, a, pub, "linux", "amd64"); err == nil || !strings.Contains(err.Error(), "不会降级") {
			t.Fatalf("a pre-release of the running version: %v", err)
		}
	})

	t.Run("OlderStaged", func(t *testing.T) {
		// B staged, then a newer version installed by other means: B is
		// not applied over it.
		exe, stage := installed(t)
		_, src := publish(t, "1.1.0", "program B", key)
		o, err := Check(ctx, c, src, a, pub, "linux", "amd64")
		if err != nil {
			t.Fatal(err)
		}
		if err := Stage(ctx, c, o, stage, a); err != nil {
			t.Fatal(err)
		}
		if _, err := ApplyPending(stage, exe, ver(t, "1.2.0"), pub); err == nil || !strings.Contains(err.Error(), "不会降级") {
			t.Fatalf("staged older version applied: %v", err)
		}
		if mustRead(t, exe) != "program A" {
			t.Fatal("exe changed")
		}
	})

	t.Run("NoProgramForThisSystem", func(t *testing.T) {
		_, src := publish(t, "1.1.0", "program B", key)
		if _, err := Check(ctx, c, src, a, pub, "windows", "amd64"); err == nil || !strings.Contains(err.Error(), "windows/amd64") {
			t.Fatalf("no program for windows: %v", err)
		}
	})

	t.Run("Offline", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		srv.Close()
		if _, err := Check(ctx, c, srv.URL+"/", a, pub, "linux", "amd64"); err == nil || !strings.Contains(err.Error(), "无法连接") {
			t.Fatalf("offline: %v", err)
		}
	})
}
