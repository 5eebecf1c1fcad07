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
	applied, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintf(env.stdout, "database %s is up to date\n", db.Location)
		return nil
	}
	fmt.Fprintf(env.stdout, "database %s migrated: applied %v\n", db.Location, applied)
	return nil
}
