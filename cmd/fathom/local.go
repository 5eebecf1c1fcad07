package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/tenant"
)

// localServer is a server started in this process on a free port with a
// temporary data directory, for bench and eval runs that bring their own.
type localServer struct {
	app      *app.App
	url      string
	key      string
	tenantID int64 // the key's tenant
	dir      string
}

// startLocal starts the server with the defaults of "fathom serve",
// changed by tune when it is not nil. The server logs only its errors, to
// stderr.
func startLocal(ctx context.Context, synchronous, tenantName string, tune func(*config.Config)) (*localServer, error) {
	dir, err := os.MkdirTemp("", "fathom-local-")
	if err != nil {
		return nil, err
	}
	cfg := config.Default()
	cfg.Addr, cfg.DataDir, cfg.BootstrapKey, cfg.SQLiteSynchronous = "127.0.0.1:0", filepath.Join(dir, "data"), false, synchronous
	if tune != nil {
		tune(&cfg)
	}
	// Errors reach stderr, so a run that dies says why; the rest of the
	// server's log would bury the figures.
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	a := app.New(cfg, log, io.Discard)
	if err := a.Open(ctx); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	k, err := a.Tenants.CreateKey(ctx, tenant.CreateKeyParams{Tenant: tenantName})
	if err != nil {
		a.Close(ctx)
		os.RemoveAll(dir)
		return nil, err
	}
	return &localServer{app: a, url: "http://" + a.Addr(), key: k.Secret, tenantID: k.Key.TenantID, dir: dir}, nil
}

// startCPUProfile profiles this process into path until stop is called;
// an empty path profiles nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeHeapProfile writes the live heap, after a collection, to path; a
// failure is reported but does not fail the run whose figures are printed.
func writeHeapProfile(env *environment, path string) {
	f, err := os.Create(path)
	if err == nil {
		runtime.GC()
		err = errors.Join(pprof.WriteHeapProfile(f), f.Close())
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "heap profile: %v\n", err)
	}
}

// close stops the server and removes its directory. A run interrupted
// (ctx done) gives the server's jobs a few seconds rather than waiting for
// analysis to drain whatever backlog the run left: they are cancelled and
// the data is thrown away anyway.
func (l *localServer) close(ctx context.Context) {
	cctx := context.WithoutCancel(ctx)
	if ctx.Err() != nil {
		var cancel context.CancelFunc
		cctx, cancel = context.WithTimeout(cctx, 5*time.Second)
		defer cancel()
	}
	_ = l.app.Close(cctx)
	_ = os.RemoveAll(l.dir)
}

// waitAnalysed waits until the server has no conversation left to analyse
// and returns how long that took.
func (l *localServer) waitAnalysed(ctx context.Context) time.Duration {
	start := time.Now()
	for ctx.Err() == nil {
		idle, err := l.app.Conversations.AnalysisIdle(ctx)
		if err != nil || idle {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	return time.Since(start)
}

// analyse runs the analysis of a tenant here and now until none is left,
// for a server started without workers (Workers 0): a run then decides
// when analysis happens and what it reads.
func (l *localServer) analyse(ctx context.Context, tenantID int64) error {
	return l.app.Conversations.AnalyzeUntilIdle(ctx, tenantID)
}
