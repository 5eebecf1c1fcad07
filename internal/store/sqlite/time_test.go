package sqlite

import (
	"math/rand/v2"
	"testing"
	"time"
)

// FuzzParseUTC checks that whatever parseUTC accepts, time.Parse reads the
// same (the same instant, in the same location, == on time.Time).
func FuzzParseUTC(f *testing.F) {
	for _, s := range []string{"2026-12-05T14:32:39.063882660Z", "2024-02-29T23:59:59.999999999Z", "2023-02-29T00:00:00.000000000Z",
		"2026-12-05T24:00:00.000000000Z", "2026-13-05T00:00:00.000000000Z", "2026-12-05T14:32:39.06388266Z", "2026-12-05T14:32:39.063882660+01:00",
		"0000-01-01T00:00:00.000000000Z", "2026-12-05T14:32:60.000000000Z", "2026-12-0xT14:32:39.063882660Z", "2026-04-31T00:00:00.000000000Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseUTC(s)
		if !ok {
			return
		}
		want, err := time.Parse(timeFormat, s)
		if err != nil || got != want {
			t.Fatalf("parseUTC(%q) = %v, time.Parse: %v, %v", s, got, want, err)
		}
	})
}

// TestParseUTCReadsFormatTime checks that the fast path reads every time
// formatTime writes, as time.Parse does.
func TestParseUTCReadsFormatTime(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	zones := []*time.Location{time.UTC, time.FixedZone("east", 5*3600+1800), time.FixedZone("west", -7*3600)}
	for i := range 20000 {
		at := time.Unix(rng.Int64N(4e9), rng.Int64N(1e9)).In(zones[i%len(zones)])
		s := formatTime(at)
		got, ok := parseUTC(s)
		want, err := time.Parse(timeFormat, s)
		if !ok || err != nil || got != want || !got.Equal(at) {
			t.Fatalf("%s: parseUTC %v (%v), time.Parse %v (%v), want %v", s, got, ok, want, err, at)
		}
	}
}
