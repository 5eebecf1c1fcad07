//go:build unix

package app_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"syscall"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/config"
)

// TestStartProfile opens the server on an existing data directory (a copy:
// the stop saves into it) and reports what its start cost: the duration,
// the processor time of the process and the live heap once started, after
// a forced collection. With FATHOM_START_CPUPROFILE and
// FATHOM_START_HEAPPROFILE it writes the start's CPU profile and the heap
// profile of the started server, for `go tool pprof`. It is a measuring
// harness, run by hand on a data directory `fathom bench --only memory
// --dir` kept (docs/benchmarks.md):
//
//	FATHOM_START_DIR=/tmp/copy/data go test ./internal/app -run TestStartProfile -v
func TestStartProfile(t *testing.T) {
	dir := os.Getenv("FATHOM_START_DIR")
	if dir == "" {
		t.Skip("set FATHOM_START_DIR to a data directory to start on")
	}
	cfg := config.Default()
	cfg.Addr, cfg.DataDir, cfg.BootstrapKey, cfg.Workers = "127.0.0.1:0", dir, false, 0
	if f := os.Getenv("FATHOM_START_CPUPROFILE"); f != "" {
		out, err := os.Create(f)
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		if err := pprof.StartCPUProfile(out); err != nil {
			t.Fatal(err)
		}
	}
	// The start's own log says when the search index and the knowledge
	// were loaded (they load side by side).
	var log io.Writer = io.Discard
	if testing.Verbose() {
		log = &testWriter{t}
	}
	a := app.New(cfg, slog.New(slog.NewTextHandler(log, nil)), io.Discard)
	cpu0, began := processCPU(t), time.Now()
	err := a.Open(context.Background())
	took, cpu := time.Since(began), processCPU(t)-cpu0
	pprof.StopCPUProfile()
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := a.Close(ctx); err != nil {
			t.Errorf("close: %v", err)
		}
	}()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("start %s, %.2f CPU-s; live heap %.1f MB (HeapAlloc after a collection), heap in use %.1f MB, from the OS %.1f MB",
		took.Round(time.Millisecond), cpu.Seconds(), float64(ms.HeapAlloc)/1e6, float64(ms.HeapInuse)/1e6, float64(ms.Sys)/1e6)
	if f := os.Getenv("FATHOM_START_HEAPPROFILE"); f != "" {
		out, err := os.Create(f)
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		if err := pprof.WriteHeapProfile(out); err != nil {
			t.Fatal(err)
		}
	}
}

// processCPU is the processor time this process has used, user and system.
func processCPU(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
