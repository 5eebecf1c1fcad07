package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Working is a copy of a backup made to become a database: the record
// dropped, the job queue's interrupted jobs made runnable, its rows
// counted against the backup's record. Migrate it (with the binary's own
// migrations) before Install.
type Working struct {
	File string
}

// Prepare copies the backup into a new file in dir (mode 0600) and makes
// it a database (see Working). Remove the file when it is not installed.
func (b *Backup) Prepare(ctx context.Context, dir string) (*Working, error) {
	tmp, err := os.CreateTemp(dir, ".fathom-restore-*.db")
	if err != nil {
		return nil, fmt.Errorf("create working copy: %w", err)
	}
	w := &Working{File: tmp.Name()}
	ok := false
	defer func() {
		if !ok {
			w.Remove()
		}
	}()
	src, err := os.Open(b.File)
	if err != nil {
		tmp.Close()
		return nil, err
	}
	_, err = io.Copy(tmp, src)
	src.Close()
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("write working copy %s: %w", w.File, err)
	}
	db, err := openFile(w.File, false)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	have, err := countTables(ctx, db)
	if err == nil {
		err = Compare(b.Tables, have)
	}
	if err != nil {
		return nil, fmt.Errorf("working copy %s: %w", w.File, err)
	}
	if _, err := db.ExecContext(ctx, `DROP TABLE `+RecordTable); err != nil {
		return nil, fmt.Errorf("working copy %s: %w", w.File, err)
	}
	// A job that was running when the backup was taken was cut off, as by
	// a crash: the restored installation runs it again at once instead of
	// waiting for the queue to rescue it.
	var queue int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND name = 'river_job'`).Scan(&queue); err != nil {
		return nil, err
	}
	if queue > 0 {
		if _, err := db.ExecContext(ctx, `UPDATE river_job SET state = 'available' WHERE state = 'running'`); err != nil {
			return nil, fmt.Errorf("working copy %s: requeue interrupted jobs: %w", w.File, err)
		}
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	if err := syncFile(w.File); err != nil {
		return nil, err
	}
	ok = true
	return w, nil
}

// Install gives the working copy its final name, which must not exist.
func (w *Working) Install(target string) error {
	// A database still in WAL mode keeps part of itself beside the file:
	// its last connection must have closed (and checkpointed).
	if fi, err := os.Stat(w.File + "-wal"); err == nil && fi.Size() > 0 {
		return fmt.Errorf("working copy %s is still open", w.File)
	}
	if err := os.Link(w.File, target); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s appeared during the restore: nothing replaced", target)
		}
		return fmt.Errorf("install %s: %w", target, err)
	}
	w.Remove()
	return syncDir(filepath.Dir(target))
}

// Remove deletes the working copy and the files SQLite keeps beside it.
func (w *Working) Remove() {
	for _, suffix := range []string{"", "-journal", "-wal", "-shm", ".lock"} {
		os.Remove(w.File + suffix)
	}
}

// MoveAside renames the database file (with what its write-ahead log
// holds, checkpointed into it first) to FILE.before-restore-TIME and
// returns that name. No other process may have the database open.
func MoveAside(ctx context.Context, file string, at time.Time) (string, error) {
	db, err := openFile(file, false)
	if err != nil {
		return "", err
	}
	var busy, logged, moved int
	err = db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logged, &moved)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("checkpoint %s: %w", file, err)
	}
	if busy != 0 {
		return "", fmt.Errorf("%s is in use by another process", file)
	}
	aside := file + ".before-restore-" + at.UTC().Format("20060102T150405Z")
	if err := os.Rename(file, aside); err != nil {
		return "", fmt.Errorf("move %s aside: %w", file, err)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(file + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("move %s aside: %w", file, err)
		}
	}
	return aside, syncDir(filepath.Dir(file))
}
