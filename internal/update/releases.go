package update

import (
	"crypto/ed25519"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/release"
)

// releaseName is a file a release folder may serve: one path element of
// plain characters, not hidden (no "..", no dot files, no folders).
var releaseName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]*$`)

// Releases serves the release folder dir read-only under prefix (e.g.
// "/releases/"): GET and HEAD of the plain files directly in it, nothing
// else — no listing, no sub-folders, no hidden files, no writes. Laptops
// trust nothing it serves without the manifest's signature and hashes, so
// it needs no login; a folder that is missing answers 404, which a laptop
// shows as "no release there".
func Releases(dir, prefix string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "read-only", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(r.URL.Path, prefix)
		if !releaseName.MatchString(name) || strings.Contains(name, "..") {
			http.NotFound(w, r)
			return
		}
		path := filepath.Join(dir, name)
		fi, err := os.Lstat(path)
		if err != nil || !fi.Mode().IsRegular() {
			http.NotFound(w, r)
			return
		}
		f, err := os.Open(path)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Type", "application/octet-stream")
		if strings.HasSuffix(name, ".json") {
			w.Header().Set("Content-Type", "application/json")
		}
		http.ServeContent(w, r, "", fi.ModTime(), f)
	})
}

// Publish puts the release in folder src into dst (a team server's
// data/releases), after checking it with pub as a laptop will: the
// manifest's signature and every file's size and SHA-256. The new folder is
// written beside dst and swapped in by renames, so the server serves the
// old release or the new one, never a mix; the release it replaces is
// removed. It returns the manifest published.
func Publish(src, dst string, pub ed25519.PublicKey) (*release.Manifest, error) {
	if len(pub) != ed25519.PublicKeySize {
		return nil, apperr.New(apperr.Invalid, "update_no_key", nil)
	}
	m, err := release.VerifyDir(src, pub)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(dst)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, ".releases-new-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	names := []string{release.ManifestName, release.SignatureName}
	if _, err := os.Stat(filepath.Join(src, release.SumsName)); err == nil {
		names = append(names, release.SumsName)
	}
	for _, f := range m.Files {
		names = append(names, f.Name)
	}
	for _, n := range names {
		if err := copyFile(filepath.Join(src, n), filepath.Join(tmp, n)); err != nil {
			return nil, err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	// The copy is checked again: what is served is what was verified.
	if _, err := release.VerifyDir(tmp, pub); err != nil {
		return nil, err
	}
	old := ""
	if _, err := os.Stat(dst); err == nil {
		old = dst + ".old-" + filepath.Base(tmp)
		if err := os.Rename(dst, old); err != nil {
			return nil, err
		}
	}
	if err := os.Rename(tmp, dst); err != nil {
		if old != "" {
			os.Rename(old, dst)
		}
		return nil, err
	}
	if old != "" {
		os.RemoveAll(old)
	}
	syncDir(parent)
	return m, nil
}
