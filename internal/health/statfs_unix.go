//go:build unix

package health

import "golang.org/x/sys/unix"

// freeSpace is the bytes available to an unprivileged writer on dir's file
// system (f_bavail: what is left once the root reserve is set aside).
func freeSpace(dir string) (int64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, err
	}
	// Field types differ by platform (uint64 and int64 on Linux).
	return int64(st.Bavail) * int64(st.Bsize), nil
}
