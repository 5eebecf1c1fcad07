package meeting

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/media"
	"github.com/fathom-oss/fathom/internal/store"
)

// errNoMediaDir answers media calls on a service configured without a
// media directory.
var errNoMediaDir = fathom.Errorf(fathom.EUNAVAILABLE, "this server keeps no recording media")

// WriteMedia checks an uploaded file and writes it to a temporary file of
// the media directory (see media.Dir.Write); field names it in errors.
// The returned upload goes to Ingest or AttachMedia, which place it or
// discard it.
func (s *Service) WriteMedia(r io.Reader, declaredType, field string) (*media.Upload, error) {
	if s.media == nil {
		return nil, errNoMediaDir
	}
	return s.media.Write(r, declaredType, field)
}

// MediaMaxBytes is the largest media file the service takes (0: none).
func (s *Service) MediaMaxBytes() int64 {
	if s.media == nil {
		return 0
	}
	return s.media.MaxBytes()
}

// placeMedia moves an upload into the media directory and returns the row
// that names it.
func (s *Service) placeMedia(u *media.Upload, tenantID, recordingID int64) (*fathom.Media, error) {
	rel, err := u.Place(tenantID)
	if err != nil {
		return nil, err
	}
	return &fathom.Media{TenantID: tenantID, RecordingID: recordingID, Kind: u.Kind, ContentType: u.ContentType,
		Size: u.Size, SHA256: u.SHA256, Path: rel, CreatedAt: s.now().UTC().Truncate(time.Second)}, nil
}

// removeMedia deletes a file no row names any more; a failure is logged,
// not returned: the write it follows is done.
func (s *Service) removeMedia(rel string) {
	if err := s.media.Remove(rel); err != nil {
		s.logger.Warn("remove media file", "path", rel, "err", err)
	}
}

// AttachMedia makes an upload the media of a recording the caller can see,
// replacing any it had (our extension). Only the recorder or an account
// admin may. The file is placed first, then recorded in a transaction; if
// that fails the file is removed, and a replaced file is removed after the
// commit.
func (s *Service) AttachMedia(ctx context.Context, c *Caller, recordingID int64, u *media.Upload) (*fathom.Media, error) {
	defer u.Discard()
	m, err := s.get(ctx, c, recordingID)
	if err != nil {
		return nil, err
	}
	if m.RecorderID != c.ID && c.SettingsAccess != fathom.SettingsAccountAdmin {
		return nil, fathom.Errorf(fathom.EFORBIDDEN, "only the recorder of recording %d or an account admin may set its media", recordingID)
	}
	row, err := s.placeMedia(u, c.TenantID, m.ID)
	if err != nil {
		return nil, err
	}
	var replaced string
	err = s.store.Write(ctx, func(tx store.Tx) error {
		replaced = ""
		old, err := tx.MediaGet(ctx, c.TenantID, m.ID)
		if err == nil {
			replaced = old.Path
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		return tx.MediaPut(ctx, row)
	})
	if err != nil {
		s.removeMedia(row.Path)
		return nil, err
	}
	if replaced != "" && replaced != row.Path {
		s.removeMedia(replaced)
	}
	return row, nil
}

// MediaFile is an open media file to serve.
type MediaFile struct {
	*os.File
	Name        string // a file name to offer: recording-<id><ext>
	ContentType string
	Size        int64
	ModTime     time.Time
}

// OpenMedia opens the media of a recording the caller can see, with the
// visibility rule of Get: for a page that plays it. The caller closes it.
func (s *Service) OpenMedia(ctx context.Context, c *Caller, recordingID int64) (*MediaFile, error) {
	if s.media == nil {
		return nil, errNoMediaDir
	}
	if _, err := s.get(ctx, c, recordingID); err != nil {
		return nil, err
	}
	row, err := s.store.MediaGet(ctx, c.TenantID, recordingID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "recording %d has no audio or video", recordingID)
	}
	if err != nil {
		return nil, err
	}
	return s.openFile(row)
}

func (s *Service) openFile(row *fathom.Media) (*MediaFile, error) {
	f, err := s.media.Open(row.Path)
	if err != nil {
		return nil, fmt.Errorf("media of recording %d: %w", row.RecordingID, err)
	}
	return &MediaFile{File: f, Name: fmt.Sprintf("recording-%d%s", row.RecordingID, media.Extension(row.ContentType)),
		ContentType: row.ContentType, Size: row.Size, ModTime: row.CreatedAt}, nil
}

// MediaOf describes the media of m, a meeting the caller already holds
// through Get or Shared (whose rules it passed), or nil when it has none
// or the server keeps no media.
func (s *Service) MediaOf(ctx context.Context, m *fathom.Meeting) (*fathom.Media, error) {
	if s.media == nil {
		return nil, nil
	}
	row, err := s.store.MediaGet(ctx, m.TenantID, m.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return row, err
}

// OpenSharedMedia opens the media of the recording shared by token, for
// whoever holds its share link. The caller closes it.
func (s *Service) OpenSharedMedia(ctx context.Context, token string) (*MediaFile, error) {
	if s.media == nil {
		return nil, errNoMediaDir
	}
	if token == "" {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "no shared recording")
	}
	m, err := s.store.MeetingGetByShareToken(ctx, token)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "no shared recording")
	}
	if err != nil {
		return nil, err
	}
	row, err := s.store.MediaGet(ctx, m.TenantID, m.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fathom.Errorf(fathom.ENOTFOUND, "recording %d has no audio or video", m.ID)
	}
	if err != nil {
		return nil, err
	}
	return s.openFile(row)
}
