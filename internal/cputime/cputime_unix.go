//go:build unix

package cputime

import (
	"syscall"
	"time"
)

// Process is the processor time this process has used, user and system,
// or 0 where the platform does not say.
func Process() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
