package main

import (
	"context"
	"fmt"

	"github.com/fathom-oss/fathom/internal/app"
)

func runServe(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "serve", "serve [flags]")
	profile := fs.String("cpuprofile", "", "write a CPU profile of this server, from its start to its stop, to this file (off by default)")
	cfg, err := loadConfig(env, fs, args, true)
	if err != nil {
		return err
	}
	stopProfile, err := startCPUProfile(*profile)
	if err != nil {
		return err
	}
	defer stopProfile()
	logger := newLogger(cfg, env.stderr)
	a := app.New(cfg, logger, env.stdout)
	if err := a.Open(ctx); err != nil {
		return err
	}
	var serveErr error
	select {
	case <-ctx.Done():
		logger.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	case serveErr = <-a.Wait():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
	defer cancel()
	if err := a.Close(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	logger.Info("stopped")
	return serveErr
}
