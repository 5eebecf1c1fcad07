package fathomapi

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// A cursor is opaque to clients: standard base64 of JSON holding the
// position after the last item of the page and a hash of the filters it
// was made under, so that a cursor replayed with other filters is a 400
// rather than a silently wrong page (spec §7).
type cursorJSON struct {
	Key    []any  `json:"k"`
	Filter string `json:"f"`
}

// filterHash identifies a list's filters; parts must be in a fixed order.
func filterHash(parts ...any) string {
	b, _ := json.Marshal(parts)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

func encodeCursor(filter string, key ...any) *string {
	b, _ := json.Marshal(cursorJSON{Key: key, Filter: filter})
	s := base64.StdEncoding.EncodeToString(b)
	return &s
}

var errCursor = fathom.Errorf(fathom.EINVALID, "cursor is not valid (it must come from next_cursor of the same list with the same filters)")

func decodeCursor(s, filter string) ([]any, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		if b, err = base64.RawURLEncoding.DecodeString(s); err != nil {
			return nil, errCursor
		}
	}
	var c cursorJSON
	if err := json.Unmarshal(b, &c); err != nil || c.Filter != filter || len(c.Key) == 0 {
		return nil, errCursor
	}
	return c.Key, nil
}

// meetingCursor encodes a keyset of the meetings list.
func meetingCursor(filter string, k *store.Keyset) *string {
	if k == nil {
		return nil
	}
	return encodeCursor(filter, k.CreatedAt.UTC().Format(time.RFC3339Nano), k.ID)
}

func decodeMeetingCursor(s, filter string) (*store.Keyset, error) {
	if s == "" {
		return nil, nil
	}
	key, err := decodeCursor(s, filter)
	if err != nil || len(key) != 2 {
		return nil, errCursor
	}
	ts, ok1 := key[0].(string)
	id, ok2 := key[1].(float64)
	t, err := time.Parse(time.RFC3339Nano, ts)
	if !ok1 || !ok2 || err != nil {
		return nil, errCursor
	}
	return &store.Keyset{CreatedAt: t, ID: int64(id)}, nil
}

// idCursor encodes the position of an id-ordered list (teams, members).
func idCursor(filter string, after int64) *string {
	if after == 0 {
		return nil
	}
	return encodeCursor(filter, after)
}

func decodeIDCursor(s, filter string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	key, err := decodeCursor(s, filter)
	if err != nil || len(key) != 1 {
		return 0, errCursor
	}
	id, ok := key[0].(float64)
	if !ok || id <= 0 {
		return 0, errCursor
	}
	return int64(id), nil
}
