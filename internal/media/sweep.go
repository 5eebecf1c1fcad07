package media

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// SweepReport is what Sweep did.
type SweepReport struct {
	// Uploads are the leftover uploads removed from .tmp (a crash
	// mid-write).
	Uploads int
	// Orphans are the placed files no row named (a crash between the
	// rename and the commit), moved to .orphaned/ under their path.
	Orphans []string
	Bytes   int64 // their bytes, uploads and orphans
}

// tenantDir reports whether name is a tenant's directory: a tenant id.
func tenantDir(name string) bool {
	_, err := strconv.ParseInt(name, 10, 64)
	return err == nil && !strings.HasPrefix(name, "-") && !strings.HasPrefix(name, "+")
}

// Sweep removes what a crash left behind in the layout's places (uploads
// in .tmp, files in a tenant's directory; nothing else), leaving alone every file
// written in the last ten minutes (sweepMinAge): leftover uploads in .tmp
// are removed; placed files for which named reports false (no database row
// names them) are moved to .orphaned/, kept for an operator to look at
// rather than deleted, since a row naming them may be in a database moved
// aside or being restored.
func (d *Dir) Sweep(ctx context.Context, named func(rel string) bool, now time.Time) (SweepReport, error) {
	var rep SweepReport
	old := func(info fs.FileInfo) bool { return now.Sub(info.ModTime()) > sweepMinAge }
	entries, _ := os.ReadDir(filepath.Join(d.root, tmpDir))
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".part") {
			continue // not an upload of ours
		}
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && old(info) {
			if os.Remove(filepath.Join(d.root, tmpDir, e.Name())) == nil {
				rep.Uploads++
				rep.Bytes += info.Size()
			}
		}
	}
	err := filepath.WalkDir(d.root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(d.root, path)
		rel = filepath.ToSlash(rel)
		// Only the layout's own places are looked at: a tenant's directory
		// at the top and its files, so that a directory shared with other
		// files (a --media-dir that is the data directory) loses none.
		depth := strings.Count(rel, "/") + 1
		if e.IsDir() {
			if rel != "." && (depth > 1 || !tenantDir(rel)) { // .tmp, .orphaned, anything not a tenant's
				return filepath.SkipDir
			}
			return nil
		}
		if depth != 2 {
			return nil
		}
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() || !old(info) || named(rel) {
			return nil
		}
		aside := filepath.Join(d.root, orphanDir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(aside), 0o700); err != nil {
			return err
		}
		if err := os.Rename(path, aside); err != nil {
			return fmt.Errorf("set aside orphaned media file %s: %w", rel, err)
		}
		rep.Orphans = append(rep.Orphans, rel)
		rep.Bytes += info.Size()
		return nil
	})
	return rep, err
}
