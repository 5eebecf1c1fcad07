package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/fathom-oss/fathom/internal/backup"
	"github.com/fathom-oss/fathom/internal/media"
)

// The media files (recordings' audio and video) are not in the database:
// its rows name them in the media directory. backup, restore and copy
// carry them beside the rows, each file checked against its row's size
// and SHA-256.

// mediaDirOf is where a backup file's media files go: FILE.media.
func mediaDirOf(backupFile string) string { return backupFile + ".media" }

// mediaFilesIn reads the media rows of a SQLite database file.
func mediaFilesIn(ctx context.Context, dbFile string) ([]media.File, error) {
	db, err := backup.OpenReadOnly(dbFile)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return backup.MediaFiles(ctx, db)
}

// copyMediaFiles copies the files the rows of the SQLite database dbFile
// name from src to dst; see copyFilesListed.
func copyMediaFiles(ctx context.Context, env *environment, dbFile, src, dst, what string) error {
	files, err := mediaFilesIn(ctx, dbFile)
	if err != nil {
		return err
	}
	return copyFilesListed(ctx, env, files, src, dst, what)
}

// copyFilesListed copies files from src to dst and says what it did;
// what names the direction ("backed up", "restored", ...). A file missing
// from src is reported (its row points at nothing) but does not fail the
// command.
func copyFilesListed(ctx context.Context, env *environment, files []media.File, src, dst, what string) error {
	if len(files) == 0 {
		return nil
	}
	rep, err := media.CopyFiles(ctx, src, dst, files)
	if err != nil {
		return fmt.Errorf("media files (%s to %s): %w", src, dst, err)
	}
	fmt.Fprintf(env.stdout, "media files %s: %d of %d in %s (%d copied, %s; %d there already), each checked against its row's size and SHA-256\n",
		what, rep.Copied+rep.Present, len(files), dst, rep.Copied, byteSize(rep.Bytes), rep.Present)
	if len(rep.Missing) > 0 {
		fmt.Fprintf(env.stderr, "warning: %d media files named by rows are not in %s (deleted since, or lost): %s\n",
			len(rep.Missing), src, strings.Join(rep.Missing, ", "))
	}
	return nil
}
