package store

import (
	"context"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// MediaReader holds the reads of recordings' media and downloads.
type MediaReader interface {
	// MediaGet returns the media of a recording of the tenant
	// (ErrNotFound if it has none). Inside a Tx it also holds the row
	// against other writers until the commit, so that a replaced file is
	// known to the one transaction that replaced it.
	MediaGet(ctx context.Context, tenantID, recordingID int64) (*fathom.Media, error)
	// MediaPathList returns the paths every tenant's media rows name,
	// those after after, in order, at most limit: what the media
	// directory should hold (a start sweeps the files no row names).
	MediaPathList(ctx context.Context, after string, limit int) ([]string, error)
	// DownloadGet returns a download of the tenant by id.
	DownloadGet(ctx context.Context, tenantID int64, id string) (*fathom.Download, error)
}

// MediaTx holds the writes of recordings' media and downloads.
type MediaTx interface {
	// MediaPut stores m as its recording's media, replacing any it had.
	// A second row naming the same Path is ErrDuplicate.
	MediaPut(ctx context.Context, m *fathom.Media) error
	// DownloadCreate inserts d; an id already taken is ErrDuplicate.
	DownloadCreate(ctx context.Context, d *fathom.Download) error
}
