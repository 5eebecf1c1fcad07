package main

import (
	"cmp"
	"context"
	"database/sql"
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
	"github.com/fathom-oss/fathom/internal/media"
	"github.com/fathom-oss/fathom/internal/storecopy"
)

const copyUsage = `Usage:
  fathom copy --from sqlite:PATH --to postgres://USER@HOST/DB [--batch-rows N]

Copies a whole installation from its SQLite database (PATH is the data
directory or the database file) into a PostgreSQL database, migrating the
target first. Run it with no server on the SQLite data directory. An
interrupted copy run again continues where it stopped; the target must
otherwise be empty. At the end the rows of every table are counted on both
sides. Give the password in PGPASSWORD or ~/.pgpass rather than the URL.
See docs/deployment.md.

Flags:
`

func runCopy(ctx context.Context, env *environment, args []string) error {
	fs := flagSet(env, "copy", "copy --from sqlite:PATH --to postgres://…")
	fs.Usage = func() { fmt.Fprint(fs.Output(), copyUsage); fs.PrintDefaults() }
	from := fs.String("from", "", "the source: sqlite:PATH, PATH a data directory or a database file")
	to := fs.String("to", "", "the target: a postgres:// URL of a new (empty) database")
	batch := fs.Int("batch-rows", 1000, "rows per batch (one target transaction each)")
	mediaFrom := fs.String("media-from", "", "the source's media directory (default: media beside the database)")
	mediaTo := fs.String("media-to", "", "copy the media files there, the target servers' --media-dir (default: none; they are checked where they are, and the servers use that directory)")
	if err := parse(fs, args); err != nil {
		return err
	}
	src, dst, err := copyEnds(*from, *to, *batch)
	if err != nil {
		fmt.Fprintf(env.stderr, "fathom copy: %v\n\n", err)
		fs.Usage()
		return errUsage
	}
	file, err := storecopy.SourceFile(src)
	if err != nil {
		return err
	}
	dataDir := filepath.Dir(file)
	source, err := storecopy.OpenSource(file)
	if errors.Is(err, storecopy.ErrSourceInUse) {
		return fmt.Errorf("%s is open in another process, a server on --data-dir %s most likely: stop it, then copy (a copy of a database being written would miss what is written meanwhile)", file, dataDir)
	}
	if err != nil {
		return err
	}
	defer source.Close()

	// The target is migrated by the same code as `fathom migrate`: the
	// schema and the job queue's tables.
	cfg := config.Default()
	cfg.DatabaseURL = dst
	db, err := app.OpenDB(ctx, cfg, false)
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	if len(applied) > 0 {
		fmt.Fprintf(env.stderr, "target %s migrated: applied %v\n", db.Location, applied)
	}
	pool, err := postgresPool(db, "--to")
	if err != nil {
		return err
	}

	fmt.Fprintf(env.stderr, "copying %s to %s\n", file, db.Location)
	progress := &copyProgress{env: env}
	rep, err := storecopy.Copy(ctx, storecopy.Config{Source: source, SourceName: file, Target: pool,
		BatchRows: *batch, Progress: progress.report})
	if rep != nil {
		printCopyReport(env, rep)
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errors.New("interrupted: run the same command again to continue")
		}
		return cfg.RedactError(err)
	}
	fmt.Fprintf(env.stdout, "\ncopy complete: every table has as many rows in %s as in %s\n", db.Location, file)
	mediaSrc := cmp.Or(*mediaFrom, filepath.Join(dataDir, "media"))
	if err := copyMedia(ctx, env, source, absPath(mediaSrc), *mediaTo); err != nil {
		return err
	}
	printSecretNote(env, dataDir)
	return nil
}

// copyMedia copies the media files the source's rows name to dst, or,
// with no dst, checks them where they are: the servers on the target
// must then be given that directory as --media-dir.
func copyMedia(ctx context.Context, env *environment, source *sql.DB, src, dst string) error {
	files, err := backup.MediaFiles(ctx, source)
	if err != nil || len(files) == 0 {
		return err
	}
	if dst != "" {
		return copyFilesListed(ctx, env, files, src, absPath(dst), "copied")
	}
	var missing int
	for _, f := range files {
		switch err := media.Check(filepath.Join(src, filepath.FromSlash(f.Path)), f); {
		case errors.Is(err, os.ErrNotExist):
			missing++
		case err != nil:
			return err
		}
	}
	fmt.Fprintf(env.stdout, "media files: %d of %d in %s, checked against their rows; give the servers on the target --media-dir %s (or copy them with --media-to)\n",
		len(files)-missing, len(files), src, src)
	if missing > 0 {
		fmt.Fprintf(env.stderr, "warning: %d media files named by rows are not in %s\n", missing, src)
	}
	return nil
}

// copyEnds checks the two ends' forms; their errors name the flag.
func copyEnds(from, to string, batch int) (src, dst string, err error) {
	src, ok := strings.CutPrefix(from, "sqlite:")
	switch {
	case from == "":
		return "", "", errors.New("--from is required: sqlite:PATH")
	case !ok || src == "":
		return "", "", fmt.Errorf("--from must be sqlite:PATH, got %q", from)
	case to == "":
		return "", "", errors.New("--to is required: a postgres:// URL")
	case !strings.HasPrefix(to, "postgres://") && !strings.HasPrefix(to, "postgresql://"):
		return "", "", errors.New("--to must be a postgres:// or postgresql:// URL")
	case batch <= 0:
		return "", "", fmt.Errorf("--batch-rows must be positive, got %d", batch)
	}
	return src, to, nil
}

// copyProgress prints each table when it is done, and a long table's
// progress every copyProgressEvery, on stderr.
type copyProgress struct {
	env  *environment
	last time.Time
}

const copyProgressEvery = 5 * time.Second

func (p *copyProgress) report(pr storecopy.Progress) {
	switch {
	case pr.Done:
		fmt.Fprintf(p.env.stderr, "  %-24s %d rows\n", pr.Table, pr.Rows)
	case time.Since(p.last) >= copyProgressEvery:
		fmt.Fprintf(p.env.stderr, "  %-24s %d rows so far\n", pr.Table, pr.Rows)
	default:
		return
	}
	p.last = time.Now()
}

func printCopyReport(env *environment, rep *storecopy.Report) {
	if rep.Resumed {
		fmt.Fprintln(env.stdout, "continued an interrupted copy of the same source")
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "table\tsource rows\ttarget rows\t")
	for _, t := range rep.Tables {
		mark := ""
		if t.Source != t.Target {
			mark = "  DIFFERS"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", t.Table, t.Source, t.Target, mark)
	}
	fmt.Fprintf(tw, "pending jobs\t\t%d\t\n", rep.Jobs)
	tw.Flush()
	if len(rep.Skipped) > 0 {
		fmt.Fprintln(env.stdout, "\nnot copied:")
		// Tables left out for one reason share a line.
		var reasons []string
		tables := map[string][]string{}
		for _, s := range rep.Skipped {
			if tables[s.Reason] == nil {
				reasons = append(reasons, s.Reason)
			}
			tables[s.Reason] = append(tables[s.Reason], s.Table)
		}
		for _, r := range reasons {
			fmt.Fprintf(env.stdout, "  %s: %s\n", strings.Join(tables[r], ", "), r)
		}
	}
}

// printSecretNote says what the database does not hold: the key that
// seals gateway tokens lives in the data directory (or in the servers'
// configuration), and every server on the new database needs it.
func printSecretNote(env *environment, dataDir string) {
	keyFile := filepath.Join(dataDir, "secret.key")
	if _, err := os.Stat(keyFile); err != nil {
		fmt.Fprintln(env.stdout, "\nIf the old server had --secret-key (FATHOM_SECRET_KEY) set, give every server on the new database the same key.")
		return
	}
	fmt.Fprintf(env.stdout, `
Gateway tokens are sealed with %s. Give every server on the new
database that key, e.g. FATHOM_SECRET_KEY_FILE=%s (or --secret-key),
or they cannot open the copied connections.
`, keyFile, keyFile)
}
