package app

import (
	"context"
	"time"

	"github.com/fathom-oss/fathom/internal/media"
)

// mediaPathPage is how many media paths one read of the sweep takes.
const mediaPathPage = 10000

// sweepMedia clears what a crash left in the media directory at start:
// leftover uploads, and placed files no row names (set aside in
// .orphaned/), both only when untouched for some minutes; see media.Sweep.
func (a *App) sweepMedia(dir *media.Dir) error {
	ctx := context.Background()
	start := time.Now()
	named := map[string]bool{}
	for after := ""; ; {
		paths, err := a.DB.MediaPathList(ctx, after, mediaPathPage)
		if err != nil {
			return err
		}
		for _, p := range paths {
			named[p] = true
		}
		if len(paths) < mediaPathPage {
			break
		}
		after = paths[len(paths)-1]
	}
	rep, err := dir.Sweep(ctx, func(rel string) bool { return named[rel] }, time.Now())
	if err != nil {
		a.logger.Warn("media sweep stopped", "dir", a.cfg.MediaPath(), "err", err)
	}
	if rep.Uploads > 0 || len(rep.Orphans) > 0 {
		shown := rep.Orphans[:min(len(rep.Orphans), 20)] // the first few; the directory has them all
		a.logger.Warn("media files a crash left behind were swept", "dir", a.cfg.MediaPath(),
			"uploads_removed", rep.Uploads, "orphans_set_aside", len(rep.Orphans), "bytes", rep.Bytes,
			"orphans", shown, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}
