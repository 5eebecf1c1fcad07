package storecopy

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestConverters(t *testing.T) {
	at := time.Date(2026, 3, 1, 10, 0, 0, 123456789, time.UTC)
	for _, tc := range []struct {
		pgType string
		in     any
		want   any
		err    string
	}{
		{"bigint", int64(42), int64(42), ""},
		{"integer", nil, nil, ""},
		{"bigint", float64(3), int64(3), ""},
		{"bigint", "17", int64(17), ""},
		{"bigint", float64(2.5), nil, "not an integer"},
		{"bigint", []byte{1}, nil, "not an integer"},
		{"boolean", int64(0), false, ""},
		{"boolean", int64(1), true, ""},
		{"boolean", int64(2), nil, "not a 0/1 flag"},
		{"boolean", "true", nil, "not a 0/1 flag"},
		{"timestamp with time zone", at.Format("2006-01-02T15:04:05.000000000Z07:00"), at, ""},
		{"timestamp with time zone", "2026-03-01T11:00:00+01:00", time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), ""},
		{"timestamp with time zone", "2026-03-01 10:00:00", nil, "not an RFC 3339 time"},
		{"timestamp with time zone", nil, nil, ""},
		{"text", "Zoë 日本", "Zoë 日本", ""},
		{"text", []byte("as blob"), "as blob", ""},
		{"text", "a\x00b", nil, "NUL bytes"},
		{"text", "\xff\xfe", nil, "invalid UTF-8"},
		{"bytea", []byte{0, 0xff}, []byte{0, 0xff}, ""},
		{"bytea", "text", []byte("text"), ""},
		{"double precision", int64(2), float64(2), ""},
		{"double precision", 0.25, 0.25, ""},
		{"jsonb", `{"a":[1]}`, json.RawMessage(`{"a":[1]}`), ""},
		{"jsonb", `{"a":`, nil, "not valid JSON"},
	} {
		conv, err := converterFor(tc.pgType)
		if err != nil {
			t.Fatal(err)
		}
		got, err := conv(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s from %#v: error %v, want %q", tc.pgType, tc.in, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s from %#v: %v", tc.pgType, tc.in, err)
			continue
		}
		if g, w := mustJSON(got), mustJSON(tc.want); g != w {
			t.Errorf("%s from %#v = %s, want %s", tc.pgType, tc.in, g, w)
		}
	}
	if _, err := converterFor("tsvector"); err == nil {
		t.Error("a type with no conversion is accepted")
	}
}

// TestDescribeHidesContent: a value that does not convert may be a secret;
// the error names its type and length only.
func TestDescribeHidesContent(t *testing.T) {
	_, err := toText("whsec_secret\x00value")
	if err == nil || strings.Contains(err.Error(), "whsec") {
		t.Fatalf("error %v shows the value", err)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
