// Package update is the core of updating an installed ReqDesk from a signed
// release (issue 19, part 4): check a release folder served over HTTP (its
// manifest.json and manifest.json.sig, see internal/release), download this
// system's program into a staging folder while checking its size and
// SHA-256, and switch to it at the next start, keeping the old program.
// It never downgrades and never takes an unsigned or altered file; any
// failure leaves the running program as it is. Not yet wired into the
// program (the check on start, 新版本 in the window, the team server's
// releases and the embedded release key are still to come).
package update

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/reqdesk/reqdesk/internal/release"
)

// ErrUpToDate: the release offered is the version running.
var ErrUpToDate = errors.New("已是最新版本")

// maxManifest bounds what is read of a manifest or signature.
const maxManifest = 1 << 20

// Offer is a newer signed release found at a source.
type Offer struct {
	Manifest *release.Manifest
	raw, sig []byte
	source   string
	Version  release.Version
	Program  release.File // this system's program in the release
}

// Check reads the release at source (a folder URL ending in /) and returns
// it when it is signed by pub and newer than current. An older release is
// refused, never offered.
func Check(ctx context.Context, client *http.Client, source string, current release.Version, pub ed25519.PublicKey, goos, goarch string) (*Offer, error) {
	raw, err := get(ctx, client, source, release.ManifestName, maxManifest)
	if err != nil {
		return nil, err
	}
	sig, err := get(ctx, client, source, release.SignatureName, maxManifest)
	if err != nil {
		return nil, err
	}
	m, err := release.VerifyManifest(raw, sig, pub)
	if err != nil {
		return nil, fmt.Errorf("更新被拒绝：%w", err)
	}
	v, _ := release.ParseVersion(m.Version) // VerifyManifest checked it
	switch c := v.Compare(current); {
	case c == 0:
		return nil, ErrUpToDate
	case c < 0:
		return nil, fmt.Errorf("更新被拒绝：发布的版本 %s 比正在运行的 %s 旧，不会降级", v, current)
	}
	o := &Offer{Manifest: m, raw: raw, sig: sig, source: source, Version: v}
	for _, f := range m.Files {
		if f.Kind == "binary" && f.OS == goos && f.Arch == goarch {
			o.Program = f
		}
	}
	if o.Program.Name == "" || o.Program.Name != filepath.Base(o.Program.Name) {
		return nil, fmt.Errorf("版本 %s 的发布中没有适合本机（%s/%s）的程序", v, goos, goarch)
	}
	return o, nil
}

// Stage downloads the offer's program into dir/pending, with the signed
// manifest beside it, checking size and SHA-256 on the way. The folder
// appears whole (written aside, then renamed) or not at all.
func Stage(ctx context.Context, client *http.Client, o *Offer, dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(dir, "staging-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	u, err := fileURL(o.source, o.Program.Name)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("下载 %s 失败: %w", o.Program.Name, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("下载 %s 失败: %s", o.Program.Name, resp.Status)
	}
	prog := filepath.Join(tmp, "program")
	f, err := os.OpenFile(prog, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o755)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, io.LimitReader(resp.Body, o.Program.Size+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("下载 %s 失败: %w", o.Program.Name, err)
	}
	if err := release.CheckFile(prog, o.Program); err != nil {
		return fmt.Errorf("更新被拒绝：%w", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, release.ManifestName), o.raw, 0o600); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, release.SignatureName), o.sig, 0o600); err != nil {
		return err
	}
	pending := filepath.Join(dir, "pending")
	if err := os.RemoveAll(pending); err != nil {
		return err
	}
	return os.Rename(tmp, pending)
}

// ApplyPending switches to a staged program at start: it checks the staged
// manifest's signature, that the version is newer than current and the
// program's SHA-256 again, then puts the program in place of exe, keeping
// the old one as exe.old. It returns the manifest applied, or nil when
// nothing was staged. On any failure exe is left as it was and the staged
// files are removed, so a bad update is not tried again at every start.
func ApplyPending(dir, exe string, current release.Version, pub ed25519.PublicKey) (*release.Manifest, error) {
	pending := filepath.Join(dir, "pending")
	raw, err := os.ReadFile(filepath.Join(pending, release.ManifestName))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	m, err := applyStaged(pending, raw, exe, current, pub)
	if rerr := os.RemoveAll(pending); err == nil && rerr != nil {
		return m, rerr
	}
	return m, err
}

func applyStaged(pending string, raw []byte, exe string, current release.Version, pub ed25519.PublicKey) (*release.Manifest, error) {
	sig, err := os.ReadFile(filepath.Join(pending, release.SignatureName))
	if err != nil {
		return nil, fmt.Errorf("更新被拒绝：暂存的更新没有签名: %w", err)
	}
	m, err := release.VerifyManifest(raw, sig, pub)
	if err != nil {
		return nil, fmt.Errorf("更新被拒绝：%w", err)
	}
	v, _ := release.ParseVersion(m.Version)
	if v.Compare(current) <= 0 {
		return nil, fmt.Errorf("更新被拒绝：暂存的版本 %s 不比正在运行的 %s 新，不会降级", v, current)
	}
	prog := filepath.Join(pending, "program")
	var entry *release.File
	for i, f := range m.Files {
		if f.Kind == "binary" {
			if err := release.CheckFile(prog, f); err == nil {
				entry = &m.Files[i]
			}
		}
	}
	if entry == nil {
		return nil, fmt.Errorf("更新被拒绝：暂存的程序与签名清单不符（被改动或不完整）")
	}
	// exe.new beside exe (same file system), then two renames; the old
	// program is kept as exe.old and put back if the second rename fails.
	next, old := exe+".new", exe+".old"
	if err := copyFile(prog, next); err != nil {
		os.Remove(next)
		return nil, fmt.Errorf("无法写入新版本（程序所在文件夹不可写？用安装包安装的请用安装包更新）: %w", err)
	}
	if err := release.CheckFile(next, *entry); err != nil {
		os.Remove(next)
		return nil, err
	}
	os.Remove(old)
	if err := os.Rename(exe, old); err != nil {
		os.Remove(next)
		return nil, fmt.Errorf("无法替换程序: %w", err)
	}
	if err := os.Rename(next, exe); err != nil {
		if rerr := os.Rename(old, exe); rerr != nil {
			return nil, fmt.Errorf("无法替换程序（%v），也无法放回旧程序 %s: %w", err, old, rerr)
		}
		return nil, fmt.Errorf("无法替换程序，旧版本保留: %w", err)
	}
	return m, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func fileURL(source, name string) (string, error) {
	base, err := url.Parse(source)
	if err != nil {
		return "", fmt.Errorf("更新地址 %q 不是网址: %w", source, err)
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	return base.ResolveReference(&url.URL{Path: name}).String(), nil
}

func get(ctx context.Context, client *http.Client, source, name string, limit int64) ([]byte, error) {
	u, err := fileURL(source, name)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("无法连接更新地址: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("更新地址没有 %s: %s", name, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s 过大", name)
	}
	return b, nil
}
