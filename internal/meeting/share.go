package meeting

import (
	"context"
	"errors"
	"fmt"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Shared returns the meeting whose share link carries token, with its
// recorder, transcript and action items: whoever holds the link may read
// it, and nothing else. An unknown token is ENOTFOUND, the same whether or
// not a meeting ever had it.
func (s *Service) Shared(ctx context.Context, token string) (*fathom.Meeting, error) {
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
	if m.Recorder, err = s.member(ctx, s.store, m.RecorderID); err != nil {
		return nil, fmt.Errorf("recorder of meeting %d: %w", m.ID, err)
	}
	if m.Transcript, m.ActionItems, err = s.store.MeetingContent(ctx, m.ID); err != nil {
		return nil, err
	}
	return m, nil
}
