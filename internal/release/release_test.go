package release

import (
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

func TestParseVersion(t *testing.T) {
	for _, c := range []struct{ in, want, win string }{
		{"1.2.3", "1.2.3", "1.2.3.0"},
		{"v0.1.0", "0.1.0", "0.1.0.0"},
		{"0.1.0-dev+g1a89b85", "0.1.0-dev+g1a89b85", "0.1.0.0"},
		{"2.0.0-rc.1", "2.0.0-rc.1", "2.0.0.0"},
		{"1.0.0+g1a2b.dirty", "1.0.0+g1a2b.dirty", "1.0.0.0"},
	} {
		v, err := ParseVersion(c.in)
		if err != nil || v.String() != c.want || v.Windows() != c.win {
			t.Errorf("ParseVersion(%q) = %s %s, %v", c.in, v, v.Windows(), err)
		}
	}
	for _, bad := range []string{"", "1.2", "1.2.3.4", "01.2.3", "1a89b85-dirty", "1.2.3-", "70000.0.0", "v1.2.3 beta"} {
		if _, err := ParseVersion(bad); err == nil {
			t.Errorf("ParseVersion(%q) accepted", bad)
		}
	}
}

func TestCompare(t *testing.T) {
	// Each is older than the next (semantic versioning's own example order).
	order := []string{"0.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
		"1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1-dev+g1", "1.0.1", "1.1.0", "2.0.0"}
	for i := range order {
		for j := range order {
			a, _ := ParseVersion(order[i])
			b, _ := ParseVersion(order[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := a.Compare(b); got != want {
				t.Errorf("%s vs %s = %d, want %d", a, b, got, want)
			}
		}
	}
	a, _ := ParseVersion("1.0.0+a")
	b, _ := ParseVersion("1.0.0+b")
	if a.Compare(b) != 0 {
		t.Error("build metadata must not order versions")
	}
}

const changelog = `# Changelog

intro

## [0.2.0] — 未发布

### 新增
- 更新检查

## [0.1.0] — 2026-12-01

- 第一版
`

func TestChangelog(t *testing.T) {
	v, err := ChangelogVersion([]byte(changelog))
	if err != nil || v.String() != "0.2.0" {
		t.Fatalf("ChangelogVersion = %s, %v", v, err)
	}
	dev := Version{Major: 0, Minor: 2, Pre: "dev", Meta: "gabc"}
	if n := ChangelogNotes([]byte(changelog), dev); n != "### 新增\n- 更新检查" {
		t.Errorf("notes of 0.2.0-dev: %q", n)
	}
	if n := ChangelogNotes([]byte(changelog), Version{Minor: 1}); n != "- 第一版" {
		t.Errorf("notes of 0.1.0: %q", n)
	}
	if n := ChangelogNotes([]byte(changelog), Version{Minor: 3}); n != "" {
		t.Errorf("notes of a version not in the changelog: %q", n)
	}
	if _, err := ChangelogVersion([]byte("# nothing")); err == nil {
		t.Error("a changelog without versions accepted")
	}
	// The repository's own changelog names a version.
	own, err := os.ReadFile("../../CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := ChangelogVersion(own); err != nil || ChangelogNotes(own, v) == "" {
		t.Errorf("CHANGELOG.md: version %s, %v, or no notes under it", v, err)
	}
}

// release writes a signed release of two files into a new directory.
func signedRelease(t *testing.T) (dir string, pub ed25519.PublicKey, priv ed25519.PrivateKey) {
	dir = t.TempDir()
	keys := t.TempDir()
	if err := GenerateKey(filepath.Join(keys, "k"), filepath.Join(keys, "k.pub")); err != nil {
		t.Fatal(err)
	}
	if err := GenerateKey(filepath.Join(keys, "k"), filepath.Join(keys, "k2.pub")); err == nil {
		t.Fatal("GenerateKey overwrote an existing private key")
	}
	priv, err := LoadPrivateKey(filepath.Join(keys, "k"))
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(filepath.Join(keys, "k")); fi.Mode().Perm() != 0o600 {
		t.Errorf("private key mode %v", fi.Mode().Perm())
	}
	b, _ := os.ReadFile(filepath.Join(keys, "k.pub"))
	if pub, err = ParsePublicKey(b); err != nil {
		t.Fatal(err)
	}
	m := &Manifest{Product: "reqdesk", Version: "1.2.3", Commit: "abc", Date: time.Now().UTC().Format(time.RFC3339)}
	for name, body := range map[string]string{"reqdesk.deb": "deb body", "reqdesk-setup.exe": "exe body"} {
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
		if err := m.AddFile(dir, name, "linux", "amd64", "deb"); err != nil {
			t.Fatal(err)
		}
	}
	raw := m.Encode()
	os.WriteFile(filepath.Join(dir, ManifestName), raw, 0o644)
	os.WriteFile(filepath.Join(dir, SumsName), m.Sums(), 0o644)
	os.WriteFile(filepath.Join(dir, SignatureName), Sign(raw, priv), 0o644)
	return dir, pub, priv
}

func TestVerifyDir(t *testing.T) {
	dir, pub, _ := signedRelease(t)
	m, err := VerifyDir(dir, pub)
	if err != nil || m.Version != "1.2.3" || len(m.Files) != 2 {
		t.Fatalf("VerifyDir of a good release: %v %+v", err, m)
	}

	t.Run("TamperedFile", func(t *testing.T) {
		dir, pub, _ := signedRelease(t)
		os.WriteFile(filepath.Join(dir, "reqdesk.deb"), []byte("deb bodx"), 0o644)
		if _, err := VerifyDir(dir, pub); err == nil || !strings.Contains(err.Error(), "reqdesk.deb 与签名清单不符") {
			t.Fatalf("tampered file: %v", err)
		}
	})
	t.Run("TruncatedFile", func(t *testing.T) {
		dir, pub, _ := signedRelease(t)
		os.WriteFile(filepath.Join(dir, "reqdesk-setup.exe"), []byte("exe"), 0o644)
		if _, err := VerifyDir(dir, pub); err == nil || !strings.Contains(err.Error(), "不完整") {
			t.Fatalf("truncated file: %v", err)
		}
	})
	t.Run("AlteredManifest", func(t *testing.T) {
		dir, pub, _ := signedRelease(t)
		raw, _ := os.ReadFile(filepath.Join(dir, ManifestName))
		os.WriteFile(filepath.Join(dir, ManifestName), []byte(strings.Replace(string(raw), "1.2.3", "9.9.9", 1)), 0o644)
		if _, err := VerifyDir(dir, pub); !errors.Is(err, ErrBadSignature) {
			t.Fatalf("altered manifest: %v", err)
		}
	})
	t.Run("OtherKey", func(t *testing.T) {
		dir, _, _ := signedRelease(t)
		_, other, _ := signedRelease(t)
		if _, err := VerifyDir(dir, other); !errors.Is(err, ErrBadSignature) {
			t.Fatalf("signed by another key: %v", err)
		}
	})
	t.Run("GarbledSignature", func(t *testing.T) {
		dir, pub, _ := signedRelease(t)
		os.WriteFile(filepath.Join(dir, SignatureName), []byte("not base64!\n"), 0o644)
		if _, err := VerifyDir(dir, pub); err == nil || !strings.Contains(err.Error(), "签名文件格式不对") {
			t.Fatalf("garbled signature: %v", err)
		}
	})
	t.Run("Unsigned", func(t *testing.T) {
		dir, pub, _ := signedRelease(t)
		os.Remove(filepath.Join(dir, SignatureName))
		if _, err := VerifyDir(dir, pub); err == nil || !strings.Contains(err.Error(), "没有签名文件") {
			t.Fatalf("unsigned release: %v", err)
		}
	})
	t.Run("PathInManifest", func(t *testing.T) {
		dir, pub, priv := signedRelease(t)
		m := &Manifest{Product: "reqdesk", Version: "1.2.3", Files: []File{{Name: "../etc/passwd", Size: 1, SHA256: "00"}}}
		raw := m.Encode()
		os.WriteFile(filepath.Join(dir, ManifestName), raw, 0o644)
		os.WriteFile(filepath.Join(dir, SignatureName), Sign(raw, priv), 0o644)
		if _, err := VerifyDir(dir, pub); err == nil || !strings.Contains(err.Error(), "文件名") {
			t.Fatalf("a path in the manifest: %v", err)
		}
	})
	t.Run("SumsDisagree", func(t *testing.T) {
		dir, pub, _ := signedRelease(t)
		os.WriteFile(filepath.Join(dir, SumsName), []byte("00  reqdesk.deb\n"), 0o644)
		if _, err := VerifyDir(dir, pub); err == nil || !strings.Contains(err.Error(), SumsName) {
			t.Fatalf("SHA256SUMS disagreeing: %v", err)
		}
	})
}

func TestLoadKeyErrors(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "k")
	os.WriteFile(p, []byte("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"), 0o600)
	if _, err := LoadPrivateKey(p); err == nil {
		t.Error("a public key accepted as the private key")
	}
	if _, err := LoadPrivateKey(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing key file accepted")
	}
	if _, err := ParsePublicKey([]byte("garbage")); err == nil {
		t.Error("garbage accepted as a public key")
	}
}

func TestManPage(t *testing.T) {
	root := &cobra.Command{Use: "reqdesk", Short: "short", Long: "long text"}
	root.PersistentFlags().String("data", "", "data directory")
	sub := &cobra.Command{Use: "serve", Short: "serve it", Run: func(*cobra.Command, []string) {}}
	sub.Flags().String("addr", "127.0.0.1:8080", "address")
	grand := &cobra.Command{Use: "add NAME", Short: ".starts with a dot", Run: func(*cobra.Command, []string) {}}
	user := &cobra.Command{Use: "user", Short: "people"}
	user.AddCommand(grand)
	hidden := &cobra.Command{Use: "man", Hidden: true, Run: func(*cobra.Command, []string) {}}
	root.AddCommand(sub, user, hidden)
	page := string(ManPage(root, "1.2.3", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)))
	for _, want := range []string{`.TH REQDESK 1 "2026-01-02" "reqdesk 1.2.3"`, `.SS "serve [flags]"`, `\fB\-\-addr\fR \fIstring\fR`,
		`(default 127.0.0.1:8080)`, `.SS "user add NAME"`, "\\&.starts with a dot", `\fB\-\-data\fR`} {
		if !strings.Contains(page, want) {
			t.Errorf("man page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, `"man`) {
		t.Error("hidden command in the man page")
	}
}
