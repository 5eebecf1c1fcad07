package main

import (
	"context"
	"fmt"

	"github.com/fathom-oss/fathom/internal/app"
)

func runMigrate(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "migrate", "migrate [flags]")
	cfg, err := loadConfig(env, fs, args, false)
	if err != nil {
		return err
	}
	db, err := app.OpenDB(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer db.Close()
	// Beside a running server only an up-to-date database is left alone;
	// anything to apply needs the server stopped (see app.MigrateHeld).
	applied, err := app.MigrateHeld(ctx, cfg, db)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintf(env.stdout, "database %s is up to date\n", cfg.SQLiteFile())
		return nil
	}
	fmt.Fprintf(env.stdout, "database %s migrated: applied %v\n", cfg.SQLiteFile(), applied)
	return nil
}
