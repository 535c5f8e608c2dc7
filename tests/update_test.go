package tests_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/release"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/update"
)

// TestUpdate updates the real program from version A to B as a laptop in a
// team does. Both versions are this source linked with another version and a
// throwaway release key (go build -ldflags -X: the packages come from the
// build cache of `make build`, only the link is new). A team server (A, a
// real process on loopback) offers B, published with `reqdesk release
// publish`; the laptop joined to it runs `reqdesk update`, which finds,
// downloads and checks B and leaves A running; its next start switches to B
// in the same process, and B survives another restart. Then releases that
// must be refused are put in the server's folder by hand, as a tampered
// server or network would serve them: a program altered after signing, a
// manifest signed with another key, an older version, and a staged program
// altered on the laptop before the next start. Each is refused with its
// message and the running version stays.
func TestUpdate(t *testing.T) {
	binary(t) // a full build environment: the packages are in the build cache
	if runtime.GOOS != "linux" {
		t.Skip("the release holds a Linux program")
	}
	ctx := context.Background()
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	must(t, err)
	work := t.TempDir()
	progA, progB := filepath.Join(work, "a", "reqdesk"), filepath.Join(work, "b", "reqdesk")
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, b := range []struct{ v, out string }{{"1.0.0", progA}, {"1.1.0", progB}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = buildVersion(t, b.v, b.out, pub)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		must(t, err)
	}

	// The releases: B as it should be, and three that must be refused.
	relB := makeRelease(t, "1.1.0", progB, key, nil)
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	relBadSig := makeRelease(t, "1.1.0", progB, otherKey, nil)
	relTampered := makeRelease(t, "1.1.0", progB, key, func(dir, name string) {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY, 0)
		must(t, err)
		_, err = f.WriteAt([]byte("XX"), 4096) // same size, other bytes
		must(t, err)
		f.Close()
	})
	relOld := makeRelease(t, "0.9.0", progA, key, nil)

	// The team server, with B published.
	srvDir := t.TempDir()
	if out, err := runBin(progA, "password-1\n", "user", "add", "王强", "--role", "supervisor,owner", "--password-stdin",
		"--data", srvDir); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	func() {
		st, err := store.Open(ctx, filepath.Join(srvDir, "reqdesk.db"), clock.System{})
		must(t, err)
		defer st.Close()
		set, err := st.Settings(ctx)
		must(t, err)
		set.NumberPattern, set.DeviceCode = "XR-{YYYY}-{DEV}-{NNN}", "HQ"
		_, err = command.Run(ctx, command.New(st), command.SaveSettings{Settings: set})
		must(t, err)
	}()
	if out, err := runBin(progA, "", "release", "publish", relBadSig, "--data", srvDir); err == nil || !strings.Contains(out, "签名无效") {
		t.Fatalf("publish of a release signed with another key: %v\n%s", err, out)
	}
	if out, err := runBin(progA, "", "release", "publish", relB, "--data", srvDir); err != nil || !strings.Contains(out, "已发布 1.1.0") {
		t.Fatalf("release publish: %v\n%s", err, out)
	}
	port := freePort(t)
	srvURL := fmt.Sprintf("http://127.0.0.1:%d", port)
	startTeamServer(t, progA, srvDir, port)

	// A laptop with A installed in a folder of its own joins the team.
	lapDir := t.TempDir()
	if out, err := runBin(progA, "password-1\n", "join", srvURL, "--user", "王强", "--device-code", "A1", "--data", lapDir); err != nil {
		t.Fatalf("join: %v\n%s", err, out)
	}
	exe := install(t, progA)
	version := func(exe string) string {
		out, err := runBin(exe, "", "version")
		must(t, err)
		return strings.TrimPrefix(strings.SplitN(out, "\n", 2)[0], "reqdesk ")
	}
	if v := version(exe); v != "1.0.0" {
		t.Fatalf("installed version %q", v)
	}

	out, err := runBin(exe, "", "update", "--check", "--data", lapDir)
	if err != nil || !strings.Contains(out, "新版本 1.1.0") || !strings.Contains(out, "更快的列表") || !strings.Contains(out, srvURL+"/releases/") {
		t.Fatalf("update --check: %v\n%s", err, out)
	}
	out, err = runBin(exe, "", "update", "--data", lapDir)
	if err != nil || !strings.Contains(out, "下次启动时换用 1.1.0") {
		t.Fatalf("update: %v\n%s", err, out)
	}
	if v := version(exe); v != "1.0.0" {
		t.Fatalf("the download changed the program before the next start: %s", v)
	}

	// The next start switches: the process started as A runs as B.
	var st struct {
		Current string `json:"current"`
		Applied *struct {
			From string `json:"from"`
			To   string `json:"to"`
		} `json:"applied"`
		StartError *struct {
			Message string `json:"message"`
		} `json:"startError"`
		Staged *struct{} `json:"staged"`
	}
	s := startServe(t, exe, lapDir)
	s.call(t, "UpdateApp/Status", nil, &st)
	if st.Current != "1.1.0" || st.Applied == nil || st.Applied.From != "1.0.0" || st.Applied.To != "1.1.0" || st.Staged != nil {
		t.Fatalf("after the switch: %+v", st)
	}
	s.stop(t)
	if v := version(exe); v != "1.1.0" {
		t.Fatalf("the program file is %s after the switch", v)
	}
	if v := version(exe + ".old"); v != "1.0.0" {
		t.Fatalf("the old program was not kept: %s", v)
	}
	// It survives a restart, and B is up to date.
	s = startServe(t, exe, lapDir)
	s.call(t, "UpdateApp/Status", nil, &st)
	if st.Current != "1.1.0" {
		t.Fatalf("after a restart: %+v", st)
	}
	s.stop(t)
	if out, err := runBin(exe, "", "update", "--data", lapDir); err != nil || !strings.Contains(out, "已是最新版本") {
		t.Fatalf("B checking again: %v\n%s", err, out)
	}

	// Refusals: a second laptop with A, the server's folder replaced by
	// hand with what a tampered server would serve.
	lap2 := t.TempDir()
	if out, err := runBin(progA, "password-1\n", "join", srvURL, "--user", "王强", "--device-code", "B2", "--data", lap2); err != nil {
		t.Fatalf("join: %v\n%s", err, out)
	}
	exe2 := install(t, progA)
	sumA := fileSum(t, exe2)
	serve := func(rel string) {
		dst := filepath.Join(srvDir, "releases")
		must(t, os.RemoveAll(dst))
		must(t, os.CopyFS(dst, os.DirFS(rel)))
	}
	for _, c := range []struct{ name, rel, want string }{
		{"Tampered", relTampered, "与签名清单不符"},
		{"BadSignature", relBadSig, "签名无效"},
		{"Older", relOld, "比正在运行的 1.0.0 旧，不会降级"},
	} {
		serve(c.rel)
		out, err := runBin(exe2, "", "update", "--data", lap2)
		if err == nil || !strings.Contains(out, c.want) {
			t.Errorf("%s: %v\n%s", c.name, err, out)
		}
		if _, err := os.Stat(filepath.Join(lap2, "update", "pending")); err == nil {
			t.Errorf("%s: something was staged", c.name)
		}
	}
	// Staged whole, then altered on the laptop before the next start.
	serve(relB)
	if out, err := runBin(exe2, "", "update", "--data", lap2); err != nil {
		t.Fatalf("update: %v\n%s", err, out)
	}
	prog := filepath.Join(lap2, "update", "pending", "program")
	f, err := os.OpenFile(prog, os.O_WRONLY, 0)
	must(t, err)
	_, err = f.WriteAt([]byte("XX"), 4096)
	must(t, err)
	f.Close()
	s = startServe(t, exe2, lap2)
	s.call(t, "UpdateApp/Status", nil, &st)
	if st.Current != "1.0.0" || st.StartError == nil || !strings.Contains(st.StartError.Message, "与签名清单不符") || st.Applied != nil {
		t.Fatalf("an altered staged program at start: %+v", st)
	}
	s.stop(t)
	if fileSum(t, exe2) != sumA || version(exe2) != "1.0.0" {
		t.Fatal("the running version was not kept")
	}
	if _, err := os.Stat(filepath.Join(lap2, "update", "pending")); err == nil {
		t.Error("a refused update stays staged")
	}
}

// buildVersion links the program as version v trusting pub.
func buildVersion(t *testing.T, v, out string, pub ed25519.PublicKey) error {
	cmd := exec.Command("go", "build", "-tags", "desktop,production,webkit2_41", "-ldflags",
		"-s -w -X main.version="+v+" -X main.commit=test "+update.KeyLDFlag(pub), "-o", out, ".")
	cmd.Dir = repoRoot(t)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %v\n%s", v, err, b)
	}
	return nil
}

// makeRelease makes a release folder of version v holding prog as the Linux
// program, signed with key; alter, when given, changes a file after signing.
func makeRelease(t *testing.T, v, prog string, key ed25519.PrivateKey, alter func(dir, name string)) string {
	dir := t.TempDir()
	name := "reqdesk-" + v + "-linux-amd64"
	b, err := os.ReadFile(prog)
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, name), b, 0o755))
	m := &release.Manifest{Product: "reqdesk", Version: v, Commit: "test", Date: "2026-12-04T00:00:00Z",
		Notes: "### 新增\n- 更快的列表"}
	must(t, m.AddFile(dir, name, "linux", runtime.GOARCH, "binary"))
	raw := m.Encode()
	must(t, os.WriteFile(filepath.Join(dir, release.ManifestName), raw, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, release.SignatureName), release.Sign(raw, key), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, release.SumsName), m.Sums(), 0o644))
	if alter != nil {
		alter(dir, name)
	}
	return dir
}

// install copies prog into a folder of its own, as an installer would.
func install(t *testing.T, prog string) string {
	exe := filepath.Join(t.TempDir(), "reqdesk")
	b, err := os.ReadFile(prog)
	must(t, err)
	must(t, os.WriteFile(exe, b, 0o755))
	return exe
}

func fileSum(t *testing.T, path string) [32]byte {
	b, err := os.ReadFile(path)
	must(t, err)
	return sha256.Sum256(b)
}
