//go:build !windows

package blobs

import "os"

// SyncDir makes a folder's entries (a file renamed into it) durable.
func SyncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
