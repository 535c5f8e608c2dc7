// Package update updates an installed ReqDesk from a signed release (issue
// 19, part 4). A release is a folder served over HTTP (a team server's
// /releases/, or any address): its manifest.json and manifest.json.sig (see
// internal/release) and the files they list. Check reads and verifies the
// manifest against the release key built into the program (key.go); Stage
// downloads this system's program into the data directory's update/pending
// while checking its size and SHA-256; at the next start ApplyPending checks
// all of it again and puts the program in place of the running one, keeping
// the old one beside it (reqdesk.old). It never downgrades and never takes an
// unsigned or altered file; any failure leaves the running program as it is.
// Updater (updater.go) runs the checks in the background and keeps the
// status the window shows; Releases (releases.go) serves a release folder.
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
	"runtime"
	"strings"

	"github.com/reqdesk/reqdesk/internal/apperr"
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

// Check reads the release at source (a folder URL) and returns it when it
// is signed by pub and newer than current. An older release is refused,
// never offered; the same version is ErrUpToDate.
func Check(ctx context.Context, client *http.Client, source string, current release.Version, pub ed25519.PublicKey, goos, goarch string) (*Offer, error) {
	raw, err := get(ctx, client, source, release.ManifestName, maxManifest)
	if err != nil {
		return nil, err
	}
	sig, err := get(ctx, client, source, release.SignatureName, maxManifest)
	if err != nil {
		return nil, err
	}
	m, err := verify(raw, sig, pub, current)
	if err != nil {
		return nil, err
	}
	v, _ := release.ParseVersion(m.Version) // verify checked it
	switch c := v.Compare(current); {
	case c == 0:
		return nil, ErrUpToDate
	case c < 0:
		return nil, apperr.New(apperr.Conflict, "update_older", apperr.P{"version": v.String(), "current": current.String()})
	}
	o := &Offer{Manifest: m, raw: raw, sig: sig, source: source, Version: v}
	for _, f := range m.Files {
		if f.Kind == "binary" && f.OS == goos && f.Arch == goarch {
			o.Program = f
		}
	}
	if o.Program.Name == "" || o.Program.Name != filepath.Base(o.Program.Name) || strings.ContainsAny(o.Program.Name, `/\`) {
		return nil, apperr.New(apperr.NotFound, "update_no_program", apperr.P{"version": v.String(), "platform": goos + "/" + goarch})
	}
	return o, nil
}

// verify checks a manifest's signature with pub and reads it.
func verify(raw, sig []byte, pub ed25519.PublicKey, current release.Version) (*release.Manifest, error) {
	m, err := release.VerifyManifest(raw, sig, pub)
	switch {
	case errors.Is(err, release.ErrBadSignature), err != nil && strings.Contains(err.Error(), "签名文件格式"):
		return nil, apperr.New(apperr.Conflict, "update_bad_signature", apperr.P{"current": current.String()})
	case err != nil:
		return nil, apperr.New(apperr.Conflict, "update_manifest_invalid", apperr.P{"reason": err.Error(), "current": current.String()})
	}
	return m, nil
}

func tampered(f release.File, current release.Version) error {
	return apperr.New(apperr.Conflict, "update_tampered", apperr.P{"file": f.Name, "current": current.String()})
}

// Stage downloads the offer's program into dir/pending, with the signed
// manifest beside it, checking size and SHA-256 on the way. The folder
// appears whole (written aside, then renamed) or not at all; a download
// that does not match the manifest is deleted.
func Stage(ctx context.Context, client *http.Client, o *Offer, dir string, current release.Version) error {
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
	fail := func(reason string) error {
		return apperr.New(apperr.Invalid, "update_download_failed", apperr.P{"file": o.Program.Name, "reason": reason})
	}
	resp, err := client.Do(req)
	if err != nil {
		return fail(err.Error())
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fail(resp.Status)
	}
	prog := filepath.Join(tmp, "program")
	f, err := os.OpenFile(prog, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o755)
	if err != nil {
		return err
	}
	// One byte more than promised is read, so a longer file fails the check.
	_, err = io.Copy(f, io.LimitReader(resp.Body, o.Program.Size+1))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(err.Error())
	}
	if err := release.CheckFile(prog, o.Program); err != nil {
		return tampered(o.Program, current)
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
	if err := os.Rename(tmp, pending); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// Staged returns the manifest of the release staged in dir, or nil. It is
// only what the UI shows; ApplyPending checks everything again.
func Staged(dir string, pub ed25519.PublicKey) *release.Manifest {
	pending := filepath.Join(dir, "pending")
	raw, err1 := os.ReadFile(filepath.Join(pending, release.ManifestName))
	sig, err2 := os.ReadFile(filepath.Join(pending, release.SignatureName))
	if err1 != nil || err2 != nil {
		return nil
	}
	m, err := release.VerifyManifest(raw, sig, pub)
	if err != nil {
		return nil
	}
	return m
}

// ApplyPending switches to a staged program at start: it checks the staged
// manifest's signature, that the version is newer than current and the
// program's size and SHA-256 again, then puts the program in place of exe,
// keeping the old one as exe.old. It returns the manifest applied, or nil
// when nothing was staged (or what was staged is the version running: a
// switch that was done, then cut short before its staging was removed). On
// any failure exe is left as it was and the staged files are removed, so a
// bad update is not tried again at every start. Leftovers of a download cut
// short are removed too.
func ApplyPending(dir, exe string, current release.Version, pub ed25519.PublicKey) (*release.Manifest, error) {
	if old, _ := filepath.Glob(filepath.Join(dir, "staging-*")); len(old) > 0 {
		for _, o := range old {
			os.RemoveAll(o)
		}
	}
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
		return nil, apperr.New(apperr.Conflict, "update_bad_signature", apperr.P{"current": current.String()})
	}
	m, err := verify(raw, sig, pub, current)
	if err != nil {
		return nil, err
	}
	v, _ := release.ParseVersion(m.Version)
	switch c := v.Compare(current); {
	case c == 0:
		return nil, nil // switched already; the staging was not yet removed
	case c < 0:
		return nil, apperr.New(apperr.Conflict, "update_older", apperr.P{"version": v.String(), "current": current.String()})
	}
	prog := filepath.Join(pending, "program")
	var entry *release.File
	for i, f := range m.Files {
		if f.Kind == "binary" && f.OS == runtime.GOOS && f.Arch == runtime.GOARCH {
			entry = &m.Files[i]
		}
	}
	if entry == nil {
		return nil, apperr.New(apperr.NotFound, "update_no_program", apperr.P{"version": v.String(), "platform": runtime.GOOS + "/" + runtime.GOARCH})
	}
	if err := release.CheckFile(prog, *entry); err != nil {
		return nil, tampered(*entry, current)
	}
	failed := func(err error) error {
		return apperr.New(apperr.Conflict, "update_apply_failed", apperr.P{"version": v.String(), "current": current.String(), "reason": err.Error()})
	}
	if err := replace(prog, exe, *entry); err != nil {
		return nil, failed(err)
	}
	return m, nil
}

// replace puts prog (checked against entry) in place of exe, keeping exe as
// exe.old. The new program is first copied beside exe (same file system)
// and checked again there. On Unix the switch is then one atomic rename
// over exe, after exe was linked (or copied) to exe.old: a crash at any
// point leaves exe whole, old or new. Windows cannot rename over a running
// program: exe is renamed to exe.old, then exe.new to exe, and the first
// rename is undone if the second fails.
func replace(prog, exe string, entry release.File) error {
	next, old := exe+".new", exe+".old"
	os.Remove(next)
	if err := copyFile(prog, next); err != nil {
		os.Remove(next)
		return err
	}
	if err := release.CheckFile(next, entry); err != nil {
		os.Remove(next)
		return err
	}
	if err := os.Remove(old); err != nil && !errors.Is(err, os.ErrNotExist) {
		os.Remove(next)
		return err
	}
	dir := filepath.Dir(exe)
	if runtime.GOOS == "windows" {
		if err := os.Rename(exe, old); err != nil {
			os.Remove(next)
			return err
		}
		if err := os.Rename(next, exe); err != nil {
			if rerr := os.Rename(old, exe); rerr != nil {
				return fmt.Errorf("%v；旧程序在 %s，请把它改名为 %s: %w", err, old, filepath.Base(exe), rerr)
			}
			return err
		}
		return nil
	}
	if err := os.Link(exe, old); err != nil {
		if err := copyFile(exe, old); err != nil {
			os.Remove(next)
			os.Remove(old)
			return err
		}
	}
	if err := os.Rename(next, exe); err != nil {
		os.Remove(next)
		return err
	}
	syncDir(dir)
	return nil
}

// Writable tells whether the folder of exe takes new files, which replacing
// the program needs (a package installed in /usr/bin is not).
func Writable(exe string) error {
	if exe == "" {
		return errors.New("程序文件未知")
	}
	f, err := os.CreateTemp(filepath.Dir(exe), ".reqdesk-write-test-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
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
		return "", apperr.New(apperr.Invalid, "update_source_invalid", nil).WithField("address", "url_invalid")
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
		return nil, apperr.New(apperr.Invalid, "update_unreachable", apperr.P{"url": source, "reason": reason(err)})
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil, apperr.New(apperr.NotFound, "update_not_found", apperr.P{"url": source, "file": name})
	case resp.StatusCode != http.StatusOK:
		return nil, apperr.New(apperr.Invalid, "update_http_error", apperr.P{"url": source, "status": resp.StatusCode})
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "update_unreachable", apperr.P{"url": source, "reason": reason(err)})
	}
	if int64(len(b)) > limit {
		return nil, apperr.New(apperr.Invalid, "update_manifest_invalid", apperr.P{"reason": name + " 过大", "current": ""})
	}
	return b, nil
}

// reason is an error's text without the URL that the message names anyway.
func reason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "超时"
	}
	if e, ok := apperr.As(err); ok {
		return e.Message
	}
	return err.Error()
}
