//go:build unix

package server_test

import (
	"syscall"
	"time"
)

// cpuTime is the processor time this process has used, user and system:
// on a loaded machine a benchmark's CPU per operation moves far less than
// its wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
