package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/release"
)

// TestMain lets the test binary stand in for `dist sign-file`, which the
// NSIS script runs on the uninstaller (!uninstfinalize) with os.Executable.
func TestMain(m *testing.M) {
	if len(os.Args) == 3 && os.Args[1] == "sign-file" {
		if err := signFile(os.Args[2:]); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestDist builds a whole release as `make dist` does — with a throwaway
// release key and a throwaway code-signing certificate, the Linux program
// `make build` made (REQDESK_BIN), and a real Windows build — then checks
// it the way a consultant's laptop would use it: the manifest's signature
// and sums; the Authenticode signatures; the installer's contents (7z);
// under wine, a silent per-user install into a throwaway prefix and an
// uninstall that removes the program and keeps a data directory planted
// before (and one that removes it when asked); the .deb installed with apt,
// `reqdesk version` run from /usr/bin, and removed cleanly; the .rpm's
// dependencies.
func TestDist(t *testing.T) {
	bin := os.Getenv("REQDESK_BIN")
	if bin == "" {
		t.Skip("REQDESK_BIN not set: run `make test`, which builds the program first")
	}
	for _, tool := range []string{"makensis", "7z", "osslsigncode", "rpm", "/usr/lib/wine/wine64", "apt-get"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s missing: `make test` installs it (scripts/setup.sh test)", tool)
		}
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()

	// The wine prefix boots while the release builds.
	w := newWine(t, tmp)
	booted := make(chan error, 1)
	go func() { booted <- w.run(3*time.Minute, "wineboot", "-i") }()

	// The version the program carries, so package and program agree.
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatalf("%s version: %v", bin, err)
	}
	first := strings.SplitN(string(out), "\n", 2)[0]
	v, err := release.ParseVersion(strings.TrimPrefix(first, "reqdesk "))
	if err != nil {
		t.Fatalf("REQDESK_BIN's version %q: %v", first, err)
	}

	keyDir := t.TempDir()
	priv, pub := filepath.Join(keyDir, "release.key"), filepath.Join(keyDir, "release.pub")
	if err := release.GenerateKey(priv, pub); err != nil {
		t.Fatal(err)
	}
	cert, key := throwawayCodeSigningCert(t, keyDir)
	outDir := filepath.Join(tmp, "release")
	start := time.Now()
	// Environment and working directory as `make dist` has them, restored
	// before the installs run side by side (t.Setenv and t.Chdir would
	// forbid that).
	if err := withEnv(root, map[string]string{"REQDESK_SIGN_CERT": cert, "REQDESK_SIGN_KEY": key,
		"REQDESK_SIGN_PKCS12": "", "REQDESK_SIGN_TIMESTAMP": "" /* no network here */, "REQDESK_WEBVIEW2": ""}, func() error {
		return build([]string{"-out", outDir, "-version", v.String(), "-linux-bin", bin, "-key", priv})
	}); err != nil {
		t.Fatalf("dist: %v", err)
	}
	t.Logf("release built in %s", time.Since(start).Round(time.Second))

	// The signed manifest lists every file with its SHA-256.
	if err := verify([]string{"-public", pub, outDir}); err != nil {
		t.Fatalf("verify: %v", err)
	}
	raw, _ := os.ReadFile(filepath.Join(outDir, release.ManifestName))
	sig, _ := os.ReadFile(filepath.Join(outDir, release.SignatureName))
	pk, _ := os.ReadFile(pub)
	pubKey, err := release.ParsePublicKey(pk)
	if err != nil {
		t.Fatal(err)
	}
	m, err := release.VerifyManifest(raw, sig, pubKey)
	if err != nil {
		t.Fatal(err)
	}
	if m.Version != v.String() || len(m.Files) != 5 || m.Notes == "" {
		t.Fatalf("manifest: version %s (want %s), %d files, notes %q", m.Version, v, len(m.Files), m.Notes)
	}
	sums := exec.Command("sha256sum", "-c", release.SumsName)
	sums.Dir = outDir
	if b, err := sums.CombinedOutput(); err != nil {
		t.Fatalf("sha256sum -c: %v\n%s", err, b)
	}
	files := map[string]string{}
	for _, f := range m.Files {
		files[f.OS+"/"+f.Kind] = filepath.Join(outDir, f.Name)
	}

	// Authenticode: the program, the installer, and (inside it) the uninstaller.
	setup := files["windows/installer"]
	extracted := filepath.Join(tmp, "extracted")
	if b, err := exec.Command("7z", "x", "-y", "-o"+extracted, setup).CombinedOutput(); err != nil {
		t.Fatalf("7z x: %v\n%s", err, b)
	}
	for _, f := range []string{files["windows/binary"], setup, filepath.Join(extracted, "uninstall.exe")} {
		b, err := exec.Command("osslsigncode", "verify", "-CAfile", cert, "-in", f).CombinedOutput()
		if err != nil || !strings.Contains(string(b), "Signature verification: ok") {
			t.Errorf("%s is not signed by the certificate: %v\n%s", filepath.Base(f), err, b)
		}
	}

	// The installer's contents.
	list, err := exec.Command("7z", "l", setup).CombinedOutput()
	if err != nil {
		t.Fatalf("7z l: %v\n%s", err, list)
	}
	for _, want := range []string{"NSIS-3 Unicode 64-bit", " reqdesk.exe", " uninstall.exe", " reqdesk.ico"} {
		if !bytes.Contains(list, []byte(want)) {
			t.Errorf("7z l of the installer lacks %q:\n%s", want, list)
		}
	}

	// .rpm metadata.
	reqs, err := exec.Command("rpm", "-qp", "--requires", files["linux/rpm"]).CombinedOutput()
	if err != nil {
		t.Fatalf("rpm -qp --requires: %v\n%s", err, reqs)
	}
	for _, want := range []string{"libgtk-3.so.0()(64bit)", "libwebkit2gtk-4.1.so.0()(64bit)"} {
		if !bytes.Contains(reqs, []byte(want)) {
			t.Errorf("rpm requires lack %s:\n%s", want, reqs)
		}
	}
	rpmFiles, _ := exec.Command("rpm", "-qpl", files["linux/rpm"]).CombinedOutput()
	for _, want := range []string{"/usr/bin/reqdesk", "/usr/share/applications/reqdesk.desktop",
		"/usr/share/icons/hicolor/48x48/apps/reqdesk.png", "/usr/share/man/man1/reqdesk.1.gz"} {
		if !bytes.Contains(rpmFiles, []byte(want)) {
			t.Errorf("rpm lacks %s:\n%s", want, rpmFiles)
		}
	}

	// The two installs run side by side.
	t.Run("Deb", func(t *testing.T) {
		t.Parallel()
		testDeb(t, files["linux/deb"], v)
	})
	t.Run("WindowsInstaller", func(t *testing.T) {
		t.Parallel()
		if err := <-booted; err != nil {
			t.Fatalf("wineboot in a throwaway prefix failed, so the installer cannot be tried: %v", err)
		}
		testInstaller(t, w, setup)
	})
}

func testDeb(t *testing.T, deb string, v release.Version) {
	sudo := []string{}
	if os.Geteuid() != 0 {
		if exec.Command("sudo", "-n", "true").Run() != nil {
			t.Fatal("installing the .deb needs root or password-less sudo")
		}
		sudo = []string{"sudo", "-n"}
	}
	apt := func(args ...string) []byte {
		t.Helper()
		all := append(append([]string{}, sudo...), "apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=300")
		cmd := exec.Command(all[0], append(all[1:], args...)...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("apt-get %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	// A reqdesk package someone installed for real is left alone.
	if st, err := exec.Command("dpkg-query", "-W", "-f=${Status}", "reqdesk").Output(); err == nil && strings.HasSuffix(string(st), " installed") {
		t.Fatal("a reqdesk package is already installed on this machine: this test installs and purges its own, so remove that one first (apt-get purge reqdesk)")
	}
	apt("install", "--no-install-recommends", deb)
	installed, err := exec.Command("dpkg-query", "-L", "reqdesk").Output()
	if err != nil {
		t.Fatalf("dpkg-query -L reqdesk: %v", err)
	}
	out, err := exec.Command("/usr/bin/reqdesk", "version").CombinedOutput()
	if err != nil {
		t.Fatalf("/usr/bin/reqdesk version: %v\n%s", err, out)
	}
	lines := strings.Split(string(out), "\n")
	if lines[0] != "reqdesk "+v.String() || !strings.HasPrefix(lines[1], "commit ") || !strings.HasPrefix(lines[2], "built ") {
		t.Errorf("installed reqdesk version printed:\n%s", out)
	}
	man, err := exec.Command("sh", "-c", "zcat /usr/share/man/man1/reqdesk.1.gz").Output()
	if err != nil || !bytes.Contains(man, []byte(".SH COMMANDS")) || !bytes.Contains(man, []byte("serve")) {
		t.Errorf("man page: %v\n%.400s", err, man)
	}
	apt("purge", "reqdesk")
	if err := exec.Command("dpkg-query", "-W", "-f=${Status}", "reqdesk").Run(); err == nil {
		st, _ := exec.Command("dpkg-query", "-W", "-f=${Status}", "reqdesk").Output()
		if strings.Contains(string(st), "installed") && !strings.Contains(string(st), "not-installed") {
			t.Errorf("reqdesk still installed after purge: %s", st)
		}
	}
	for _, p := range strings.Split(strings.TrimSpace(string(installed)), "\n") {
		if fi, err := os.Lstat(p); err == nil && !fi.IsDir() {
			t.Errorf("%s left behind after apt-get purge", p)
		}
	}
}

func testInstaller(t *testing.T, w *wine, setup string) {
	// The prefix's user directory is named after the Unix user.
	users, _ := filepath.Glob(filepath.Join(w.prefix, "drive_c", "users", "*", "AppData"))
	if len(users) != 1 {
		t.Fatalf("the wine prefix has %d user directories: %v", len(users), users)
	}
	user := filepath.Dir(users[0])
	data := filepath.Join(user, "AppData", "Roaming", "reqdesk")
	program := filepath.Join(user, "AppData", "Local", "Programs", "ReqDesk")
	startMenu := filepath.Join(user, "AppData", "Roaming", "Microsoft", "Windows", "Start Menu", "Programs", "需求管家.lnk")
	desktop := filepath.Join(w.home, "需求管家.lnk") // wine's Desktop is the home directory
	// A consultant's data, there before the program is installed.
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	planted := filepath.Join(data, "reqdesk.db")
	if err := os.WriteFile(planted, []byte("客户的数据"), 0o644); err != nil {
		t.Fatal(err)
	}
	install := func() {
		t.Helper()
		if err := w.run(3*time.Minute, setup, "/S"); err != nil {
			t.Fatalf("silent install: %v", err)
		}
		for _, p := range []string{filepath.Join(program, "reqdesk.exe"), filepath.Join(program, "uninstall.exe"), startMenu, desktop} {
			if _, err := os.Stat(p); err != nil {
				t.Fatalf("after the silent install: %v", err)
			}
		}
		reg, _ := os.ReadFile(filepath.Join(w.prefix, "user.reg"))
		if !bytes.Contains(reg, []byte(`Uninstall\\ReqDesk]`)) {
			t.Fatal("no entry under HKCU\\...\\Uninstall\\ReqDesk after the install")
		}
	}
	uninstall := func(args ...string) {
		t.Helper()
		if err := w.run(2*time.Minute, filepath.Join(program, "uninstall.exe"), append([]string{"/S"}, args...)...); err != nil {
			t.Fatalf("silent uninstall: %v", err)
		}
		for _, p := range []string{program, startMenu, desktop} {
			if _, err := os.Stat(p); err == nil {
				t.Errorf("%s is still there after the uninstall", p)
			}
		}
		reg, _ := os.ReadFile(filepath.Join(w.prefix, "user.reg"))
		if bytes.Contains(reg, []byte(`Uninstall\\ReqDesk]`)) {
			t.Error("the uninstall entry is still in the registry")
		}
	}
	install()
	uninstall()
	if b, err := os.ReadFile(planted); err != nil || string(b) != "客户的数据" {
		t.Fatalf("the data directory was not kept by the uninstaller: %v", err)
	}
	// Asked to, it removes the data too.
	install()
	uninstall("/DELETEDATA")
	if _, err := os.Stat(data); err == nil {
		t.Error("uninstall /DELETEDATA kept the data directory")
	}
}

// wine runs Windows programs in a throwaway prefix, with a throwaway home
// (wine links the prefix's Desktop to it), 64-bit only (Debian's wine64).
type wine struct {
	prefix, home string
	env          []string
}

func newWine(t *testing.T, dir string) *wine {
	w := &wine{prefix: filepath.Join(dir, "wineprefix"), home: filepath.Join(dir, "home")}
	if err := os.MkdirAll(w.home, 0o755); err != nil {
		t.Fatal(err)
	}
	w.env = append(os.Environ(), "WINEPREFIX="+w.prefix, "HOME="+w.home,
		"WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml,winemenubuilder.exe=", "WINELOADER=/usr/lib/wine/wine64",
		"DISPLAY=")
	t.Cleanup(func() {
		cmd := exec.Command("/usr/lib/wine/wineserver", "-k")
		cmd.Env = w.env
		cmd.Run()
	})
	return w
}

// run starts a program under wine and waits until every process of the
// prefix has ended (an NSIS uninstaller copies itself and returns at once).
func (w *wine) run(limit time.Duration, program string, args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/usr/lib/wine/wine64", append([]string{program}, args...)...)
	cmd.Env = w.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return &wineError{program, err, out}
	}
	wait := exec.CommandContext(ctx, "/usr/lib/wine/wineserver", "-w")
	wait.Env = w.env
	if out, err := wait.CombinedOutput(); err != nil {
		return &wineError{"wineserver -w", err, out}
	}
	return nil
}

type wineError struct {
	what string
	err  error
	out  []byte
}

func (e *wineError) Error() string {
	return filepath.Base(e.what) + ": " + e.err.Error() + "\n" + string(e.out)
}

func withEnv(dir string, env map[string]string, f func() error) error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	if err := os.Chdir(dir); err != nil {
		return err
	}
	defer os.Chdir(wd)
	for k, v := range env {
		old, had := os.LookupEnv(k)
		os.Setenv(k, v)
		if had {
			defer os.Setenv(k, old)
		} else {
			defer os.Unsetenv(k)
		}
	}
	return f()
}

// throwawayCodeSigningCert writes a self-signed code-signing certificate
// and its key (PEM) for this test only.
func throwawayCodeSigningCert(t *testing.T, dir string) (certPath, keyPath string) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "ReqDesk test signing", Organization: []string{"ReqDesk"}},
		NotBefore:    time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning},
		BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kd, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	certPath, keyPath = filepath.Join(dir, "sign.crt"), filepath.Join(dir, "sign.key")
	os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd}), 0o600)
	return certPath, keyPath
}
