package main

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/backup"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/secret"
	"github.com/fathom-oss/fathom/internal/storecopy"
)

const backupUsage = `Usage:
  fathom backup --to FILE [--data-dir DIR | --database-url postgres://…]

Writes a backup of the installation (SQLite in --data-dir, or PostgreSQL)
to FILE, a new file, and the recordings' media files to the directory
FILE.media, while the servers keep serving: a consistent
snapshot holding every write acknowledged before the backup began, as a
SQLite database whatever the engine (PostgreSQL is read in one REPEATABLE
READ transaction; it must be at this binary's schema version). The file is written under a
temporary name (mode 0600), checked (SQLite's integrity check), its rows
counted and recorded in it, synced, and only then named FILE; each media
file its rows name is copied from the media directory (--media-dir) and
checked against the row's size and SHA-256. The secret
key is not in the backup: keep it apart (the command says where it is).
Restore with "fathom restore --from FILE". See docs/deployment.md.

Flags:
`

func runBackup(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "backup", "backup --to FILE [flags]")
	fs.Usage = func() { fmt.Fprint(fs.Output(), backupUsage); fs.PrintDefaults() }
	to := fs.String("to", "", "the backup file to create (must not exist)")
	cfg, err := loadConfig(env, fs, args, false)
	if err != nil {
		return err
	}
	if err := backupTarget(*to); err != nil {
		fmt.Fprintf(env.stderr, "fathom backup: %v\n\n", err)
		fs.Usage()
		return errUsage
	}
	opt := backup.Options{To: *to}
	if cfg.Engine() == config.EnginePostgres {
		db, err := app.OpenDB(ctx, cfg, false)
		if err != nil {
			return err
		}
		defer db.Close()
		pool, err := postgresPool(db, "--database-url")
		if err != nil {
			return err
		}
		opt.Source, opt.Fill = db.Location, func(ctx context.Context, file string) error {
			return copyPostgres(ctx, env, cfg, pool, file)
		}
	} else {
		opt.Live = absPath(cfg.SQLiteFile())
		if _, err := os.Stat(opt.Live); errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("no database %s: point --data-dir (FATHOM_DATA_DIR) at the directory \"fathom serve\" uses", opt.Live)
		} else if err != nil {
			return err
		}
	}
	fingerprint, keyFile, err := installationKey(env, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "backing up %s to %s\n", cmp.Or(opt.Live, opt.Source), *to)
	bi, _ := debug.ReadBuildInfo()
	opt.FathomVersion, opt.KeyFingerprint = versionLine(version, bi), fingerprint
	sum, err := backup.Snapshot(ctx, opt)
	if errors.Is(err, backup.ErrExists) {
		return fmt.Errorf("--to %s exists: give a new file name (nothing was written)", *to)
	}
	if err != nil {
		return err
	}
	if err := copyMediaFiles(ctx, env, sum.File, absPath(cfg.MediaPath()), mediaDirOf(sum.File), "backed up"); err != nil {
		return fmt.Errorf("backup %s written, but its media files are not: %w", sum.File, err)
	}
	printTableRows(env, sum.Tables)
	fmt.Fprintf(env.stdout, "\nbackup %s: %s, %d tables, schema version %d, snapshot at %s, taken in %s\n",
		sum.File, byteSize(sum.Bytes), len(sum.Tables), sum.SchemaVersion, sum.CreatedAt.Format(time.RFC3339),
		sum.Duration.Round(time.Millisecond))
	printBackupKeyNote(env, fingerprint, keyFile)
	return nil
}

// copyPostgres writes a PostgreSQL installation into the empty SQLite file
// of a backup: migrated by this binary, then every table from one
// REPEATABLE READ snapshot of the source.
func copyPostgres(ctx context.Context, env *environment, cfg config.Config, pool *pgxpool.Pool, file string) error {
	work := cfg
	work.DatabaseURL = "sqlite:" + file
	lite, err := app.OpenDB(ctx, work, true)
	if err != nil {
		return err
	}
	writer, ok := lite.Store.(interface{ Writer() *sql.DB })
	if !ok {
		lite.Close()
		return fmt.Errorf("%s is not a SQLite database", file)
	}
	progress := &copyProgress{env: env}
	rep, err := storecopy.ToSQLite(ctx, storecopy.SQLiteConfig{Source: pool, Target: writer.Writer(), Progress: progress.report})
	// Closed before the backup is checked: the last connection folds the
	// write-ahead log into the file.
	if cerr := lite.Close(); err == nil && cerr != nil {
		return cerr
	}
	if err != nil {
		return cfg.RedactError(err)
	}
	fmt.Fprintf(env.stderr, "  pending jobs: %d\n", rep.Jobs)
	return nil
}

// backupTarget checks --to: given, not there yet, in a directory that is.
func backupTarget(to string) error {
	if to == "" {
		return errors.New("--to is required: the backup file to create")
	}
	if fi, err := os.Stat(to); err == nil {
		if fi.IsDir() {
			return fmt.Errorf("--to %s is a directory: name the backup file, e.g. %s", to, filepath.Join(to, "fathom-"+time.Now().Format("2006-01-02")+".db"))
		}
		return fmt.Errorf("--to %s exists: give a new file name", to)
	}
	dir := filepath.Dir(to)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("--to %s: directory %s does not exist", to, dir)
	}
	return nil
}

// installationKey is the fingerprint of the installation's secret key and
// where it is: --secret-key (FATHOM_SECRET_KEY or its _FILE) as the
// server reads it, else the data directory's secret.key. Both empty when
// there is none.
func installationKey(env *environment, cfg config.Config) (fingerprint, where string, err error) {
	raw, where := env.getenv("FATHOM_SECRET_KEY"), "FATHOM_SECRET_KEY"
	if raw == "" {
		if f := env.getenv("FATHOM_SECRET_KEY_FILE"); f != "" {
			b, err := os.ReadFile(f)
			if err != nil {
				return "", "", fmt.Errorf("FATHOM_SECRET_KEY_FILE: %w", err)
			}
			raw, where = string(b), f
		}
	}
	if raw == "" {
		f := absPath(filepath.Join(cfg.DataDir, "secret.key"))
		b, err := os.ReadFile(f)
		if errors.Is(err, fs.ErrNotExist) {
			return "", "", nil
		}
		if err != nil {
			return "", "", err
		}
		raw, where = string(b), f
		if cfg.DatabaseURL != "" {
			// Servers on a shared database each read their own key; the
			// one beside this command may not be theirs.
			fmt.Fprintf(env.stderr, "note: the secret key was taken from %s, this folder's data directory; if the servers on this database use another, name it with FATHOM_SECRET_KEY_FILE\n", f)
		}
	}
	key, err := secret.ParseKey(strings.TrimSpace(raw))
	if err != nil {
		return "", "", fmt.Errorf("secret key %s: %w", where, err)
	}
	return backup.KeyFingerprint(key), where, nil
}

func printBackupKeyNote(env *environment, fingerprint, keyFile string) {
	if fingerprint == "" {
		fmt.Fprintln(env.stdout, "\nNo secret key was found (no secret.key in the data directory, no FATHOM_SECRET_KEY): if the server"+
			"\nhas --secret-key set, keep that key with the backup's records; gateway tokens in the backup need it.")
		return
	}
	fmt.Fprintf(env.stdout, `
The secret key is not in the backup (key fingerprint %s, recorded in it).
Keep a copy of %s apart from the backup: without it the
gateway tokens in the backup cannot be opened; stored beside the backup, it
opens them for whoever holds the backup. Restore with --secret-key-file.
`, fingerprint, keyFile)
}

func printTableRows(env *environment, tables []backup.TableRows) {
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "table\trows\t")
	for _, t := range tables {
		fmt.Fprintf(tw, "%s\t%d\t\n", t.Table, t.Rows)
	}
	tw.Flush()
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// postgresPool is the connection pool of db, a PostgreSQL database named
// by flag.
func postgresPool(db *app.Database, flag string) (*pgxpool.Pool, error) {
	pooled, ok := db.Store.(interface{ Pool() *pgxpool.Pool })
	if !ok {
		return nil, fmt.Errorf("%s: %s is not a PostgreSQL database", flag, db.Location)
	}
	return pooled.Pool(), nil
}
