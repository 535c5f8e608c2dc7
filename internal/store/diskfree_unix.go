//go:build !windows

package store

import sysunix "golang.org/x/sys/unix"

// diskFree is the room left for this user on the file system holding dir.
func diskFree(dir string) (int64, error) {
	var st sysunix.Statfs_t
	if err := sysunix.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return int64(st.Bavail) * int64(st.Bsize), nil
}
