package release

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The names of a release's own files, beside the packages.
const (
	ManifestName  = "manifest.json"
	SignatureName = "manifest.json.sig"
	SumsName      = "SHA256SUMS"
)

// Manifest describes one release: its version and build, its notes, and
// every file with its size and SHA-256. Signed with the release key, it is
// what a laptop checks before it trusts any file of the release.
type Manifest struct {
	Product string `json:"product"`
	Version string `json:"version"`
	Commit  string `json:"commit"`
	Date    string `json:"date"` // build time, RFC 3339 UTC
	Notes   string `json:"notes,omitempty"`
	Files   []File `json:"files"`
}

// File is one file of a release.
type File struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	OS     string `json:"os"`   // linux, windows
	Arch   string `json:"arch"` // amd64
	// Kind: deb, rpm, installer (the Windows setup program), binary (the
	// bare program, for updating an installed one in place).
	Kind string `json:"kind"`
}

// HashFile returns the size and hex SHA-256 of a file.
func HashFile(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// AddFile hashes dir/name and lists it in the manifest.
func (m *Manifest) AddFile(dir, name, goos, arch, kind string) error {
	size, sum, err := HashFile(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	m.Files = append(m.Files, File{Name: name, Size: size, SHA256: sum, OS: goos, Arch: arch, Kind: kind})
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Name < m.Files[j].Name })
	return nil
}

// Sums is the SHA256SUMS text (`sha256sum -c` reads it).
func (m *Manifest) Sums() []byte {
	var b bytes.Buffer
	for _, f := range m.Files {
		fmt.Fprintf(&b, "%s  %s\n", f.SHA256, f.Name)
	}
	return b.Bytes()
}

// Encode is the manifest as it is written and signed.
func (m *Manifest) Encode() []byte {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err) // plain strings and numbers
	}
	return append(b, '\n')
}

// Sign returns the signature file's content for the manifest's bytes: the
// ed25519 signature in base64 on one line.
func Sign(manifest []byte, key ed25519.PrivateKey) []byte {
	return []byte(base64.StdEncoding.EncodeToString(ed25519.Sign(key, manifest)) + "\n")
}

// ErrBadSignature: the manifest is not signed by the expected key, or was
// changed after signing.
var ErrBadSignature = errors.New("发布清单的签名无效：清单不是用发布密钥签的，或签名后被改动过")

// VerifyManifest checks the signature of a manifest's bytes and decodes it.
func VerifyManifest(manifest, signature []byte, pub ed25519.PublicKey) (*Manifest, error) {
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(signature)))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return nil, fmt.Errorf("发布清单的签名文件格式不对（应为一行 base64 的 ed25519 签名）")
	}
	if !ed25519.Verify(pub, manifest, sig) {
		return nil, ErrBadSignature
	}
	var m Manifest
	if err := json.Unmarshal(manifest, &m); err != nil {
		return nil, fmt.Errorf("发布清单无法读取: %w", err)
	}
	if _, err := ParseVersion(m.Version); err != nil {
		return nil, fmt.Errorf("发布清单: %w", err)
	}
	return &m, nil
}

// CheckFile compares a file with its entry: the size and the SHA-256 must
// both match, or the file was altered or cut short.
func CheckFile(path string, f File) error {
	size, sum, err := HashFile(path)
	if err != nil {
		return fmt.Errorf("无法读取 %s: %w", f.Name, err)
	}
	if size != f.Size || sum != f.SHA256 {
		return fmt.Errorf("%s 与签名清单不符（大小 %d，应为 %d；SHA-256 %s，应为 %s）：文件被改动或不完整", f.Name, size, f.Size, sum, f.SHA256)
	}
	return nil
}

// VerifyDir checks a release directory: the manifest's signature, then
// every file it lists, and SHA256SUMS against the manifest.
func VerifyDir(dir string, pub ed25519.PublicKey) (*Manifest, error) {
	raw, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("缺少发布清单: %w", err)
	}
	sig, err := os.ReadFile(filepath.Join(dir, SignatureName))
	if err != nil {
		return nil, fmt.Errorf("发布清单没有签名文件 %s: %w", SignatureName, err)
	}
	m, err := VerifyManifest(raw, sig, pub)
	if err != nil {
		return nil, err
	}
	for _, f := range m.Files {
		if f.Name != filepath.Base(f.Name) || f.Name == "." || f.Name == ".." {
			return nil, fmt.Errorf("发布清单中的文件名 %q 不合法", f.Name)
		}
		if err := CheckFile(filepath.Join(dir, f.Name), f); err != nil {
			return nil, err
		}
	}
	if sums, err := os.ReadFile(filepath.Join(dir, SumsName)); err == nil && !bytes.Equal(sums, m.Sums()) {
		return nil, fmt.Errorf("%s 与签名清单不一致", SumsName)
	}
	return m, nil
}

// GenerateKey makes a release key pair and writes the private key (PKCS #8
// PEM, mode 0600, the same as `openssl genpkey -algorithm ed25519`) and the
// public key (PKIX PEM). It refuses to overwrite an existing key.
func GenerateKey(privPath, pubPath string) error {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return err
	}
	pubDER, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(privPath, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("私钥文件: %w", err)
	}
	if err := pem.Encode(f, &pem.Block{Type: "PRIVATE KEY", Bytes: der}); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.WriteFile(pubPath, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), 0o644)
}

// LoadPrivateKey reads an ed25519 private key in PKCS #8 PEM.
func LoadPrivateKey(path string) (ed25519.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("发布私钥: %w", err)
	}
	block, _ := pem.Decode(b)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("发布私钥 %s 不是 PEM 格式的 PKCS #8 私钥（BEGIN PRIVATE KEY）", path)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("发布私钥 %s: %w", path, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("发布私钥 %s 不是 ed25519 密钥", path)
	}
	return priv, nil
}

// ParsePublicKey reads an ed25519 public key in PKIX PEM.
func ParsePublicKey(b []byte) (ed25519.PublicKey, error) {
	block, _ := pem.Decode(b)
	if block == nil || block.Type != "PUBLIC KEY" {
		return nil, errors.New("发布公钥不是 PEM 格式（BEGIN PUBLIC KEY）")
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("发布公钥: %w", err)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, errors.New("发布公钥不是 ed25519 密钥")
	}
	return pub, nil
}

// KeyID names a public key briefly: the first 8 bytes of its SHA-256, hex.
func KeyID(pub ed25519.PublicKey) string {
	s := sha256.Sum256(pub)
	return hex.EncodeToString(s[:8])
}
