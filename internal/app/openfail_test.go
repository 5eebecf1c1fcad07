package app_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/config"
)

// freeAddr is a loopback address nothing listens on (as far as the test
// can know).
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// openGoroutines lists the goroutines that Open starts and that are still
// running.
func openGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var left []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "created by github.com/fathom-oss/fathom/internal/app.(*App).Open") ||
			strings.Contains(g, "created by github.com/fathom-oss/fathom/internal/app.(*App).serveMetrics") {
			left = append(left, g)
		}
	}
	return left
}

// An Open failing after it started goroutines, the listener and the lock
// stops them all: the address is free again, no goroutine of Open's is
// left, and a new server opens the same data.
func TestOpenFailureStopsWhatStarted(t *testing.T) {
	for _, tc := range []struct {
		name   string
		breaks func(t *testing.T, cfg *config.Config)
	}{
		{"meetings", func(t *testing.T, cfg *config.Config) {
			cfg.MediaDir = filepath.Join(t.TempDir(), "a-file")
			if err := os.WriteFile(cfg.MediaDir, []byte("not a directory"), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"metrics", func(t *testing.T, cfg *config.Config) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { ln.Close() })
			cfg.MetricsAddr = ln.Addr().String() // taken
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(t)
			cfg.Addr = freeAddr(t)
			good := cfg
			tc.breaks(t, &cfg)
			a := app.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), io.Discard)
			if err := a.Open(context.Background()); err == nil {
				a.Close(context.Background())
				t.Fatal("Open succeeded")
			}
			if err := a.Close(context.Background()); err != nil {
				t.Errorf("Close after a failed Open: %v", err)
			}
			if left := openGoroutines(); len(left) > 0 {
				t.Errorf("%d goroutines started by Open still run:\n%s", len(left), strings.Join(left, "\n\n"))
			}
			ln, err := net.Listen("tcp", cfg.Addr)
			if err != nil {
				t.Fatalf("the address is still held: %v", err)
			}
			ln.Close()
			s := start(t, good)
			s.close(t)
		})
	}
}
