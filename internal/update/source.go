package update

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// addressFile keeps the configured update address in the update folder of
// the data directory: it belongs to this computer's program, not to the
// team's data, so it is neither in the database nor synced.
const addressFile = "address"

// CheckAddress normalizes an update address: an http or https URL of a
// release folder, without query or fragment; "" means none.
func CheckAddress(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" ||
		u.User != nil || strings.ContainsAny(s, " \t\r\n") || len(s) > 500 {
		return "", apperr.New(apperr.Invalid, "update_source_invalid", nil).WithField("address", "url_invalid")
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}

// LoadAddress reads the configured update address of dir ("" for none).
func LoadAddress(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, addressFile))
	if err != nil {
		return ""
	}
	s, err := CheckAddress(string(b))
	if err != nil {
		return ""
	}
	return s
}

// SaveAddress checks and keeps the update address of dir ("" removes it),
// written aside and renamed, so it is whole or as before.
func SaveAddress(dir, raw string) (string, error) {
	s, err := CheckAddress(raw)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, addressFile)
	if s == "" {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		return "", nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, ".address-*")
	if err != nil {
		return "", err
	}
	_, err = tmp.WriteString(s + "\n")
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return s, nil
}
