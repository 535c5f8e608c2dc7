package pack

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/release"
)

// The packages' shape, quickly and without the real program (cmd/dist's
// TestDist builds, signs, installs and removes the real release).
func TestLinuxPackages(t *testing.T) {
	for _, tool := range []string{"dpkg-deb", "rpm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s missing: `make test` installs it (scripts/setup.sh test)", tool)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "reqdesk")
	os.WriteFile(bin, []byte("#!/bin/sh\necho reqdesk\n"), 0o755)
	v, _ := release.ParseVersion("1.2.3-rc.1+gabc")
	out := t.TempDir()
	deb, rpm, err := LinuxPackages(LinuxInputs{Binary: bin, Desktop: "../../../build/linux/reqdesk.desktop",
		Icon: "../../../build/appicon.png", ManPage: []byte(".TH REQDESK 1\n"), Changelog: "../../../CHANGELOG.md", Work: dir},
		v, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), out)
	if err != nil {
		t.Fatal(err)
	}
	if deb != "reqdesk_1.2.3~rc.1+gabc-1_amd64.deb" || rpm != "reqdesk-1.2.3~rc.1+gabc-1.x86_64.rpm" {
		t.Errorf("file names %s %s", deb, rpm)
	}
	control, err := exec.Command("dpkg-deb", "-f", filepath.Join(out, deb)).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Package: reqdesk", "Version: 1.2.3~rc.1+gabc-1", "Architecture: amd64",
		"Depends: libgtk-3-0 | libgtk-3-0t64, libwebkit2gtk-4.1-0", "Recommends: fonts-noto-cjk"} {
		if !bytes.Contains(control, []byte(want)) {
			t.Errorf("deb control lacks %q:\n%s", want, control)
		}
	}
	list, _ := exec.Command("dpkg-deb", "-c", filepath.Join(out, deb)).Output()
	for _, want := range []string{"-rwxr-xr-x root/root", "./usr/bin/reqdesk", "./usr/share/applications/reqdesk.desktop",
		"./usr/share/man/man1/reqdesk.1.gz", "./usr/share/doc/reqdesk/CHANGELOG.md"} {
		if !bytes.Contains(list, []byte(want)) {
			t.Errorf("deb lacks %q:\n%s", want, list)
		}
	}
	for _, size := range IconSizes {
		p := filepath.Join(dir, "icon-"+strconv.Itoa(size)+".png")
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() != size || img.Bounds().Dy() != size {
			t.Errorf("icon %d: %v %v", size, err, img.Bounds())
		}
		want := "./usr/share/icons/hicolor/" + strconv.Itoa(size) + "x" + strconv.Itoa(size) + "/apps/reqdesk.png"
		if !bytes.Contains(list, []byte(want)) {
			t.Errorf("deb lacks %s", want)
		}
	}
	reqs, err := exec.Command("rpm", "-qp", "--requires", filepath.Join(out, rpm)).Output()
	if err != nil || !bytes.Contains(reqs, []byte("libwebkit2gtk-4.1.so.0()(64bit)")) || !bytes.Contains(reqs, []byte("libgtk-3.so.0()(64bit)")) {
		t.Errorf("rpm requires: %v\n%s", err, reqs)
	}
}

func TestWindowsResources(t *testing.T) {
	v, _ := release.ParseVersion("2.5.7")
	out := filepath.Join(t.TempDir(), "rsrc.syso")
	if err := WindowsResources("../../../build/appicon.png", v, "abc123", time.Now(), out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || len(b) < 10000 {
		t.Fatalf("syso: %v, %d bytes", err, len(b))
	}
	// The version strings are there in UTF-16, Chinese included.
	for _, want := range []string{"需求管家 ReqDesk", "2.5.7", "commit abc123"} {
		if !bytes.Contains(b, utf16(want)) {
			t.Errorf("syso lacks %q", want)
		}
	}
	if err := WindowsResources("../../../build/missing.png", v, "", time.Now(), out); err == nil {
		t.Error("a missing icon accepted")
	}
}

func utf16(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func TestAuthenticodeFromEnv(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, ""},
		{map[string]string{"REQDESK_SIGN_PKCS12": "a.p12", "REQDESK_SIGN_CERT": "c.pem"}, "只能设置一种"},
		{map[string]string{"REQDESK_SIGN_CERT": "c.pem"}, "要一起设置"},
		{map[string]string{"REQDESK_SIGN_KEY": "k.pem"}, "要一起设置"},
	} {
		for _, k := range []string{"REQDESK_SIGN_PKCS12", "REQDESK_SIGN_PASSWORD", "REQDESK_SIGN_CERT", "REQDESK_SIGN_KEY", "REQDESK_SIGN_TIMESTAMP"} {
			t.Setenv(k, c.env[k])
		}
		a, err := AuthenticodeFromEnv()
		if c.want == "" {
			if err != nil || a.Enabled() {
				t.Errorf("%v: %v, enabled %v", c.env, err, a.Enabled())
			}
			if err := a.Sign("x.exe"); err == nil {
				t.Error("signing without a certificate accepted")
			}
		} else if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v", c.env, err)
		}
	}
}
