package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/fathom-oss/fathom/internal/app"
	"github.com/fathom-oss/fathom/internal/backup"
	"github.com/fathom-oss/fathom/internal/config"
	"github.com/fathom-oss/fathom/internal/secret"
	"github.com/fathom-oss/fathom/internal/store/sqlite"
	"github.com/fathom-oss/fathom/internal/storecopy"
)

const restoreUsage = `Usage:
  fathom restore --from FILE [--data-dir DIR | --database-url postgres://…]
                 [--secret-key-file KEY] [--replace]

Restores a backup made by "fathom backup" into a SQLite data directory
(--data-dir, which must hold no database) or a new, empty PostgreSQL
database (--database-url). The backup is checked first (integrity, rows
against its record), migrated to this binary's schema if it is older, and
the restored rows are counted against the backup's. A data directory a
server holds is refused; --replace moves an existing database aside
instead of refusing it. --secret-key-file checks the key against the
backup's fingerprint and installs it in the data directory. The media
files in FILE.media are copied into the media directory (--media-dir,
default DATA_DIR/media) first, each checked against its row.
See docs/deployment.md.

Flags:
`

func runRestore(ctx context.Context, env *environment, args []string) error {
	flags := flagSet(env, "restore", "restore --from FILE [flags]")
	flags.Usage = func() { fmt.Fprint(flags.Output(), restoreUsage); flags.PrintDefaults() }
	from := flags.String("from", "", "the backup file (made by fathom backup)")
	keyFile := flags.String("secret-key-file", "", "the secret key file of the backed-up installation")
	replace := flags.Bool("replace", false, "move a database already in --data-dir aside (to fathom.db.before-restore-TIME) instead of refusing")
	cfg, err := loadConfig(env, flags, args, false)
	if err != nil {
		return err
	}
	if *from == "" {
		fmt.Fprint(env.stderr, "fathom restore: --from is required: the backup file\n\n")
		flags.Usage()
		return errUsage
	}
	pg := cfg.Engine() == config.EnginePostgres
	if pg && *replace {
		return errors.New("--replace moves a SQLite database aside; a PostgreSQL target must be a new, empty database (createdb)")
	}
	b, err := openBackup(ctx, *from)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "backup %s: taken %s from %s, schema version %d\n", *from,
		b.CreatedAt.Format(time.RFC3339), b.Source, b.SchemaVersion)
	latest, err := sqlite.LatestVersion()
	if err != nil {
		return err
	}
	if b.SchemaVersion > latest {
		return fmt.Errorf("--from %s: its schema version %d is newer than this binary's (%d): restore with the fathom that made it (%s) or a newer one",
			*from, b.SchemaVersion, latest, b.FathomVersion)
	}
	var key []byte
	if *keyFile != "" {
		if key, err = checkBackupKey(b, *keyFile); err != nil {
			return err
		}
	}
	// The media files first: a restore that fails on them leaves no
	// database, and run again skips the files already in place.
	if err := copyMediaFiles(ctx, env, b.File, mediaDirOf(*from), absPath(cfg.MediaPath()), "restored"); err != nil {
		return err
	}
	if pg {
		return restorePostgres(ctx, env, cfg, b, latest, key != nil)
	}
	return restoreSQLite(ctx, env, cfg, b, key, *replace)
}

// openBackup opens and checks the backup; its errors name --from.
func openBackup(ctx context.Context, file string) (*backup.Backup, error) {
	b, err := backup.Open(ctx, file)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("--from %s: no such file", file)
	case errors.Is(err, backup.ErrNotBackup):
		return nil, fmt.Errorf("--from %s is not a backup made by fathom backup (%v)", file, err)
	case err != nil:
		return nil, fmt.Errorf("--from %s: %w", file, err)
	}
	return b, nil
}

// checkBackupKey reads the key file and checks it is the key the backup
// recorded.
func checkBackupKey(b *backup.Backup, file string) ([]byte, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("--secret-key-file: %w", err)
	}
	key, err := secret.ParseKey(string(bytes.TrimSpace(raw)))
	if err != nil {
		return nil, fmt.Errorf("--secret-key-file %s: %w", file, err)
	}
	if b.KeyFingerprint != "" && backup.KeyFingerprint(key) != b.KeyFingerprint {
		return nil, fmt.Errorf("--secret-key-file %s is not the key of the backed-up installation (fingerprint %s, the backup recorded %s)",
			file, backup.KeyFingerprint(key), b.KeyFingerprint)
	}
	return key, nil
}

func restoreSQLite(ctx context.Context, env *environment, cfg config.Config, b *backup.Backup, key []byte, replace bool) error {
	target := absPath(cfg.SQLiteFile())
	dir := filepath.Dir(target)
	// The serve lock: no server starts on the directory while the restore
	// runs, and a running one is refused.
	lock, err := app.LockData(cfg, "restore")
	if inUse := (*sqlite.InUseError)(nil); errors.As(err, &inUse) {
		return fmt.Errorf("--data-dir %s: %w: stop it first", dir, err)
	}
	if err != nil {
		return err
	}
	defer lock.Release()
	// The server reads its key from the data directory, wherever
	// --database-url sqlite:PATH puts the database.
	keyTarget := absPath(filepath.Join(cfg.DataDir, "secret.key"))
	if _, err := os.Stat(target); err == nil {
		if !replace {
			return fmt.Errorf("--data-dir %s already holds a database (%s): restore into a new directory, or give --replace to move it aside", dir, target)
		}
		aside, err := backup.MoveAside(ctx, target, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stderr, "moved the database that was there to %s\n", aside)
		if key != nil {
			if err := moveKeyAside(env, keyTarget, key, aside); err != nil {
				return err
			}
		}
	}

	w, err := b.Prepare(ctx, dir)
	if err != nil {
		return err
	}
	defer w.Remove()
	work := cfg
	work.DatabaseURL = "sqlite:" + w.File
	db, err := app.OpenDB(ctx, work, false)
	if err != nil {
		return err
	}
	applied, err := db.Migrate(ctx)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if key != nil {
		if err := installKey(keyTarget, key); err != nil {
			return err
		}
	}
	if err := w.Install(target); err != nil {
		return err
	}
	printRestoreCounts(env, b.Tables, nil)
	if len(applied) > 0 {
		fmt.Fprintf(env.stdout, "\nmigrated from schema version %d: applied %v\n", b.SchemaVersion, applied)
	}
	fmt.Fprintf(env.stdout, "\nrestore complete: %s holds every row the backup recorded; start the server on --data-dir %s\n", target, dir)
	if key == nil {
		// The directory may hold a key already (--replace, or one put
		// there first): say whether it is the backup's.
		if raw, err := os.ReadFile(keyTarget); err == nil {
			if k, err := secret.ParseKey(strings.TrimSpace(string(raw))); err == nil && b.KeyFingerprint != "" {
				if backup.KeyFingerprint(k) == b.KeyFingerprint {
					fmt.Fprintf(env.stdout, "%s is the backup's key.\n", keyTarget)
					return nil
				}
				fmt.Fprintf(env.stdout, "\nWARNING: %s is not the backup's key (fingerprint %s, the backup's %s): put the backed-up\n"+
					"installation's key there, or its gateway connections cannot be opened.\n", keyTarget, backup.KeyFingerprint(k), b.KeyFingerprint)
				return nil
			}
		}
	}
	printRestoreKeyNote(env, b, key != nil, keyTarget)
	return nil
}

// moveKeyAside makes room for the backup's key: a different key already
// in the directory goes aside with the database it sealed.
func moveKeyAside(env *environment, keyTarget string, key []byte, aside string) error {
	raw, err := os.ReadFile(keyTarget)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if old, err := secret.ParseKey(strings.TrimSpace(string(raw))); err == nil && bytes.Equal(old, key) {
		return nil
	}
	keyAside := keyTarget + strings.TrimPrefix(filepath.Base(aside), "fathom.db")
	if err := os.Rename(keyTarget, keyAside); err != nil {
		return fmt.Errorf("move %s aside: %w", keyTarget, err)
	}
	fmt.Fprintf(env.stderr, "moved the secret key that was there to %s\n", keyAside)
	return nil
}

// installKey writes the key to the data directory's secret.key, unless
// that file holds it already; a different key there is refused.
func installKey(file string, key []byte) error {
	raw, err := os.ReadFile(file)
	if err == nil {
		if old, err := secret.ParseKey(strings.TrimSpace(string(raw))); err == nil && bytes.Equal(old, key) {
			return nil
		}
		return fmt.Errorf("--secret-key-file: %s holds another key: remove it or restore into a new directory", file)
	}
	if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	_, err = f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func restorePostgres(ctx context.Context, env *environment, cfg config.Config, b *backup.Backup, latest int64, haveKey bool) error {
	source := b.File
	if b.SchemaVersion < latest {
		// The copy needs both ends at one version: migrate a working copy.
		w, err := b.Prepare(ctx, os.TempDir())
		if err != nil {
			return err
		}
		defer w.Remove()
		work := cfg
		work.DatabaseURL = "sqlite:" + w.File
		db, err := app.OpenDB(ctx, work, true)
		if err != nil {
			return err
		}
		if err := db.Close(); err != nil {
			return err
		}
		source = w.File
	}
	src, err := storecopy.OpenSource(source)
	if err != nil {
		return err
	}
	defer src.Close()
	db, err := app.OpenDB(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	pool, err := postgresPool(db, "--database-url")
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "restoring into %s\n", db.Location)
	progress := &copyProgress{env: env}
	rep, err := storecopy.Copy(ctx, storecopy.Config{Source: src, SourceName: b.File, Target: pool, Progress: progress.report})
	switch {
	case errors.Is(err, storecopy.ErrTargetNotEmpty):
		return fmt.Errorf("--database-url %s: %w", db.Location, err)
	case errors.Is(err, context.Canceled):
		return errors.New("interrupted: run the same command again to continue")
	case err != nil:
		return cfg.RedactError(err)
	}
	if rep.Resumed {
		fmt.Fprintln(env.stdout, "continued an earlier, interrupted restore of this backup")
	}
	restored := make([]backup.TableRows, 0, len(rep.Tables))
	for _, t := range rep.Tables {
		restored = append(restored, backup.TableRows{Table: t.Table, Rows: t.Target})
	}
	printRestoreCounts(env, b.Tables, restored)
	fmt.Fprintf(env.stdout, "pending jobs carried over: %d\n", rep.Jobs)
	if source == b.File {
		if err := compareCopied(b.Tables, restored); err != nil {
			return fmt.Errorf("restored rows differ from the backup's record: %w", err)
		}
	}
	fmt.Fprintf(env.stdout, "\nrestore complete into %s\n", db.Location)
	printRestoreKeyNote(env, b, haveKey, "")
	return nil
}

// compareCopied checks the copied tables against the backup's record
// (the tables a copy leaves out, and why, are in its report).
func compareCopied(recorded, restored []backup.TableRows) error {
	want := map[string]int64{}
	for _, t := range recorded {
		want[t.Table] = t.Rows
	}
	var bad []string
	for _, t := range restored {
		if n, ok := want[t.Table]; !ok || n != t.Rows {
			bad = append(bad, fmt.Sprintf("%s (%d restored, %d recorded)", t.Table, t.Rows, n))
		}
	}
	if len(bad) > 0 {
		return errors.New(strings.Join(bad, ", "))
	}
	return nil
}

// printRestoreCounts prints the backup's recorded rows and, when given,
// the rows restored (for SQLite the restored file is the backup's, whose
// counts were checked against the record).
func printRestoreCounts(env *environment, recorded, restored []backup.TableRows) {
	got := map[string]int64{}
	for _, t := range restored {
		got[t.Table] = t.Rows
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "table\tbackup rows\trestored rows\t")
	for _, t := range recorded {
		r := "not copied"
		if n, ok := got[t.Table]; ok {
			r = fmt.Sprint(n)
		} else if restored == nil {
			r = fmt.Sprint(t.Rows)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t\n", t.Table, t.Rows, r)
	}
	tw.Flush()
}

func printRestoreKeyNote(env *environment, b *backup.Backup, haveKey bool, installed string) {
	switch {
	case haveKey && installed != "":
		fmt.Fprintf(env.stdout, "The secret key is in %s.\n", installed)
	case haveKey:
		fmt.Fprintln(env.stdout, "Give every server on this database the checked key: FATHOM_SECRET_KEY_FILE=KEY (or --secret-key).")
	case b.KeyFingerprint != "":
		fmt.Fprintf(env.stdout, "\nThe backup's gateway tokens are sealed with the key of fingerprint %s: give the server that key\n"+
			"(--secret-key-file here, or FATHOM_SECRET_KEY_FILE), or they cannot be opened.\n", b.KeyFingerprint)
	default:
		fmt.Fprintln(env.stdout, "\nThe backup recorded no secret key: if the old server had --secret-key set, give the new one the same key.")
	}
}
