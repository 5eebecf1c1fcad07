//go:build linux

package cputime

import (
	"syscall"
	"time"
)

// rusageThread is Linux's RUSAGE_THREAD, which the syscall package does
// not name.
const rusageThread = 1

// Thread is the processor time the calling OS thread has used, user and
// system. It measures one goroutine only while that goroutine is locked to
// its thread (runtime.LockOSThread): the goroutine then runs on no other
// thread, and no other goroutine runs on this one.
func Thread() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(rusageThread, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
