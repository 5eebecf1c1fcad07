//go:build windows

package sqlite

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockedRange is the byte range locked: far past the holder's description,
// since Windows forbids other processes to read a locked range.
var lockedRange = windows.Overlapped{Offset: 0, OffsetHigh: 0x7fffffff}

// lockFile takes an exclusive lock on f without waiting.
func lockFile(f *os.File) error {
	ol := lockedRange
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return errLocked
	}
	return err
}

func unlockFile(f *os.File) error {
	ol := lockedRange
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
}
