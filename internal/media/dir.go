// Package media keeps recordings' audio and video files in a directory:
// it checks what an upload is (its declared type and its bytes), writes it
// crash-safely (a temporary file, fsync, rename) and opens it again. It
// knows nothing of HTTP or of the database: the meeting service records
// a placed file in the store, and removes the file when that fails.
//
// Layout, relative to the directory:
//
//	<tenant id>/<32 hex characters><extension>   a recording's file
//	.tmp/<32 hex characters>.part                an upload being written
//	.orphaned/<tenant id>/<name>                 a file no row named, set aside by Sweep
//
// Servers sharing a PostgreSQL database must share the directory too.
package media

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// tmpDir holds uploads being written; orphanDir the placed files no row
// named when Sweep ran. Sweep leaves alone what was written in the last
// sweepMinAge: an upload being written (by this server or, on a shared
// directory, another) touches its file all along, and a placed file's
// row commits right after the rename.
const (
	tmpDir      = ".tmp"
	orphanDir   = ".orphaned"
	sweepMinAge = 10 * time.Minute
)

// Dir is a media directory.
type Dir struct {
	root     string
	maxBytes int64
}

// Open makes the directory (and its .tmp) if needed and returns it.
// maxBytes caps one file. Sweep removes what a crash left behind.
func Open(root string, maxBytes int64) (*Dir, error) {
	if err := os.MkdirAll(filepath.Join(root, tmpDir), 0o700); err != nil {
		return nil, fmt.Errorf("media directory: %w", err)
	}
	return &Dir{root: root, maxBytes: maxBytes}, nil
}

// Root is the directory's path.
func (d *Dir) Root() string { return d.root }

// MaxBytes is the largest file the directory takes.
func (d *Dir) MaxBytes() int64 { return d.maxBytes }

// Open opens a placed file by its relative path.
func (d *Dir) Open(rel string) (*os.File, error) {
	p, err := d.abs(rel)
	if err != nil {
		return nil, err
	}
	return os.Open(p)
}

// Remove deletes a placed file; a missing one is no error.
func (d *Dir) Remove(rel string) error {
	p, err := d.abs(rel)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}

// abs resolves a relative path from the database, refusing one that would
// leave the directory.
func (d *Dir) abs(rel string) (string, error) {
	if !filepath.IsLocal(filepath.FromSlash(rel)) || !fs.ValidPath(rel) {
		return "", fmt.Errorf("media path %q is not inside the media directory", rel)
	}
	return filepath.Join(d.root, filepath.FromSlash(rel)), nil
}

// place moves a finished temporary file to its place for a tenant and
// makes the rename durable; it returns the relative path.
func (d *Dir) place(tmp string, tenantID int64, ext string) (string, error) {
	tenant := strconv.FormatInt(tenantID, 10)
	if err := os.MkdirAll(filepath.Join(d.root, tenant), 0o700); err != nil {
		return "", fmt.Errorf("media directory: %w", err)
	}
	rel := tenant + "/" + randomName() + ext
	dst := filepath.Join(d.root, filepath.FromSlash(rel))
	if err := os.Rename(tmp, dst); err != nil {
		return "", fmt.Errorf("place media file: %w", err)
	}
	if err := syncDir(filepath.Dir(dst)); err != nil {
		_ = os.Remove(dst)
		return "", fmt.Errorf("place media file: %w", err)
	}
	return rel, nil
}

// syncDir makes a rename in dir durable. Windows cannot sync a directory;
// its renames are durable once the file's data is.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// randomName is 32 hex characters from crypto/rand.
func randomName() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // never fails on supported platforms
	}
	return hex.EncodeToString(b)
}

// Extension is the file extension of a content type, with its dot
// (".bin" when none is known).
func Extension(contentType string) string {
	if m := lookup(contentType); m != nil && m.Extension() != "" {
		return m.Extension()
	}
	return ".bin"
}

// Kind is the media kind of an audio/* or video/* content type.
func Kind(contentType string) string {
	kind, _, _ := strings.Cut(contentType, "/")
	return kind
}
