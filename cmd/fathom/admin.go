package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/config"
)

// The admin commands (keys, tenants, workspace, apps, sync) open the
// database directly. Run from another folder, the default --data-dir
// (./fathom-data) names a directory that does not exist there, and
// opening it would quietly make a second, empty database whose keys the
// running server does not know. So they open only an existing SQLite
// database unless --create is given, and say which one they use.

// createFlag registers --create on an admin command's flags.
func createFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("create", false, "create the database if it does not exist (default: refuse, so that a command run from another folder does not make a second, empty one)")
}

// openAdmin opens (and migrates) the database of an admin command, telling
// on stderr which one it is.
func openAdmin(ctx context.Context, env *environment, cfg config.Config, create bool) (*app.Database, error) {
	where := cfg.DatabaseLocation()
	if cfg.Engine() == config.EngineSQLite {
		file := absPath(cfg.SQLiteFile())
		where = "data directory " + absPath(cfg.DataDir) + " (database " + file + ")"
		if cfg.DatabaseURL != "" {
			where = "database " + file
		}
		_, err := os.Stat(file)
		switch {
		case errors.Is(err, fs.ErrNotExist) && !create:
			return nil, fmt.Errorf("no database in %s.\n"+
				"Run this command where \"fathom serve\" keeps its data, point at it with --data-dir (FATHOM_DATA_DIR) or --database-url,\n"+
				"or give --create to make a new, empty database there", where)
		case errors.Is(err, fs.ErrNotExist):
			fmt.Fprintf(env.stderr, "Creating a new database in %s\n", where)
		case err != nil:
			return nil, err
		default:
			fmt.Fprintf(env.stderr, "Using %s\n", where)
		}
	} else {
		fmt.Fprintf(env.stderr, "Using database %s\n", where)
	}
	return app.OpenDB(ctx, cfg, true)
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
