package media

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// File is a placed file as its database row names it (the rows are read
// by the caller: see backup.MediaFiles).
type File struct {
	Path   string // relative to the media directory
	Size   int64
	SHA256 string // hex
}

// CopyReport is what CopyFiles did.
type CopyReport struct {
	Copied  int   // files written to the target
	Present int   // already there, with the right bytes (a copy run again)
	Bytes   int64 // bytes written
	// Missing are the files absent from the source (deleted after the rows
	// were read, or lost); they are not in the target.
	Missing []string
}

// CopyFiles copies files from the media directory src to dst (made if
// needed), each written under a temporary name, synced, checked against
// its row's size and SHA-256, then renamed: a file in dst is whole and
// the row's. A file dst holds already with the right bytes is kept. A
// file missing from src is reported, not an error; a file in src whose
// bytes differ from its row is an error (nothing of it is left in dst).
func CopyFiles(ctx context.Context, src, dst string, files []File) (CopyReport, error) {
	var rep CopyReport
	from, to := &Dir{root: src}, &Dir{root: dst}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		in, err := from.abs(f.Path)
		if err != nil {
			return rep, err
		}
		out, err := to.abs(f.Path)
		if err != nil {
			return rep, err
		}
		if Check(out, f) == nil {
			rep.Present++
			continue
		}
		switch err := copyFile(in, out, f); {
		case errors.Is(err, fs.ErrNotExist):
			rep.Missing = append(rep.Missing, f.Path)
		case err != nil:
			return rep, err
		default:
			rep.Copied++
			rep.Bytes += f.Size
		}
	}
	return rep, nil
}

// Check reports whether the file at path holds f's bytes (size and
// SHA-256); fs.ErrNotExist when there is no file.
func Check(path string, f File) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	h := sha256.New()
	n, err := io.Copy(h, in)
	if err != nil {
		return fmt.Errorf("read media file %s: %w", path, err)
	}
	if n != f.Size || hex.EncodeToString(h.Sum(nil)) != f.SHA256 {
		return fmt.Errorf("media file %s: %d bytes, SHA-256 %s; its row says %d bytes, %s",
			path, n, hex.EncodeToString(h.Sum(nil)), f.Size, f.SHA256)
	}
	return nil
}

// copyFile writes in to out through a temporary file beside out, checked
// against f before the rename.
func copyFile(in, out string, f File) (err error) {
	src, err := os.Open(in)
	if err != nil {
		return err
	}
	defer src.Close()
	if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
		return fmt.Errorf("media directory: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".copy-*.part")
	if err != nil {
		return fmt.Errorf("media directory: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = io.Copy(tmp, src); err != nil {
		return fmt.Errorf("copy media file %s: %w", f.Path, err)
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = Check(tmp.Name(), f); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), out); err != nil {
		return err
	}
	return syncDir(filepath.Dir(out))
}
