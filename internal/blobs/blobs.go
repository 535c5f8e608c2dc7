// Package blobs keeps files by their content: each is written once under
// dir/<first two hex digits of its SHA-256>/<SHA-256>, atomically (a
// temporary file, synced, renamed into place, the folder synced), shared by
// everything with the same content, and checked against its hash whenever
// it is read. A file's path is built only from a hash this package checked
// to be 64 hex digits, never from a name a user gave, so nothing can be
// written or read outside dir.
package blobs

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Dir is a folder of files kept by content.
type Dir struct{ root string }

// New returns the folder of files kept by content at root; it is created
// when the first file is put.
func New(root string) Dir { return Dir{root: root} }

// Root returns the folder's path.
func (d Dir) Root() string { return d.root }

// ErrMissing is returned when no file with the hash is kept.
var ErrMissing = errors.New("file missing")

// ErrCorrupt is returned when a kept file's content no longer has its hash.
var ErrCorrupt = errors.New("file damaged: its content does not match its hash")

// Sum returns the hex SHA-256 of data, the name it is kept under.
func Sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// ValidSum reports whether sum is a lower-case hex SHA-256.
func ValidSum(sum string) bool {
	if len(sum) != sha256.Size*2 {
		return false
	}
	for i := 0; i < len(sum); i++ {
		c := sum[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Path returns where the file with hash sum is kept.
func (d Dir) Path(sum string) (string, error) {
	if !ValidSum(sum) {
		return "", fmt.Errorf("not a SHA-256: %q", sum)
	}
	return filepath.Join(d.root, sum[:2], sum), nil
}

// Put keeps data and returns its hash. A file already kept with the same
// content is left as it is; one whose content was damaged is replaced.
func (d Dir) Put(data []byte) (string, error) {
	sum := Sum(data)
	p, _ := d.Path(sum)
	if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, data) {
		return sum, nil
	}
	shard := filepath.Dir(p)
	if err := os.MkdirAll(shard, 0o700); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(shard, ".put-*")
	if err != nil {
		return "", err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	// The rename lasts through a crash only once the folders holding it are
	// synced; the shard's own entry may be new too.
	if err := SyncDir(shard); err != nil {
		return "", err
	}
	return sum, SyncDir(d.root)
}

// Get returns the content of the file with hash sum, after checking it.
func (d Dir) Get(sum string) ([]byte, error) {
	p, err := d.Path(sum)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrMissing
	}
	if err != nil {
		return nil, err
	}
	if Sum(data) != sum {
		return nil, ErrCorrupt
	}
	return data, nil
}

// Has reports whether the file with hash sum is kept with its content intact.
func (d Dir) Has(sum string) bool {
	_, err := d.Get(sum)
	return err == nil
}
