package fathomapi

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// query reads the query string leniently, as the spec decides (§3.3):
// `name[]` and bare `name` both work for arrays, booleans are
// true|false|1|0 in any case, and empty values count as absent.
type query struct{ v url.Values }

func (q query) str(name string) string { return strings.TrimSpace(q.v.Get(name)) }

// text is a free-text parameter: valid UTF-8 without control characters
// (a NUL would reach the database, which stores none).
func (q query) text(name string) (string, error) {
	s := q.str(name)
	if !utf8.ValidString(s) {
		return "", fathom.Errorf(fathom.EINVALID, "%s must be valid UTF-8", name)
	}
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return "", fathom.Errorf(fathom.EINVALID, "%s must not contain control characters", name)
	}
	return s, nil
}

func (q query) list(name string) []string {
	var out []string
	for _, key := range []string{name + "[]", name} {
		for _, v := range q.v[key] {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

func (q query) bool(name string) (bool, error) {
	switch strings.ToLower(q.str(name)) {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, fathom.Errorf(fathom.EINVALID, "%s must be true or false, got %q", name, q.str(name))
}

// time accepts RFC 3339 (with or without fractions) and plain dates.
func (q query) time(name string) (time.Time, error) {
	s := q.str(name)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fathom.Errorf(fathom.EINVALID, "%s must be an ISO 8601 date-time such as 2025-01-01T00:00:00Z, got %q", name, s)
}

func (q query) int(name string, def, lo, hi int) (int, error) {
	s := q.str(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fathom.Errorf(fathom.EINVALID, "%s must be an integer from %d to %d, got %q", name, lo, hi, s)
	}
	return n, nil
}

// include reads the include_* flags.
func (q query) include() (inc fathom.Include, err error) {
	for name, dst := range map[string]*bool{"include_transcript": &inc.Transcript, "include_summary": &inc.Summary,
		"include_action_items": &inc.ActionItems, "include_crm_matches": &inc.CRMMatches} {
		if *dst, err = q.bool(name); err != nil {
			return inc, err
		}
	}
	return inc, nil
}

// cursor is the cursor parameter; an old connector called it next_cursor.
func (q query) cursor() string {
	if c := q.str("cursor"); c != "" {
		return c
	}
	return q.str("next_cursor")
}
