package gateway

import (
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

func TestRefreshMarginIsAQuarterOfAShortLifetime(t *testing.T) {
	t.Parallel()
	issued := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		lifetime time.Duration
		want     time.Duration
	}{
		{"an hour: the fixed margin", time.Hour, RefreshMargin},
		{"20 minutes: a quarter is the margin", 20 * time.Minute, RefreshMargin},
		{"10 minutes", 10 * time.Minute, 150 * time.Second},
		{"60 seconds", time.Minute, 15 * time.Second},
		{"1 second", time.Second, 250 * time.Millisecond},
		{"unreadable: updated at expiry", 0, RefreshMargin},
		{"unreadable: updated after expiry", -time.Minute, RefreshMargin},
	} {
		c := &fathom.Connection{UpdatedAt: issued, ExpiresAt: issued.Add(tc.lifetime)}
		if got := refreshMargin(c); got != tc.want {
			t.Errorf("%s: margin of a %v token = %v, want %v", tc.name, tc.lifetime, got, tc.want)
		}
	}
}

// TestApplyKeepsTheLifetimeReadable: the lifetime refreshMargin reads
// (ExpiresAt − UpdatedAt) is the one the token was issued with.
func TestApplyKeepsTheLifetimeReadable(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	s := &Service{now: func() time.Time { return now }}
	for _, tc := range []struct {
		expiresIn float64
		want      time.Duration
	}{{60, time.Minute}, {3600, time.Hour}, {0, time.Hour}, {0.5, 500 * time.Millisecond}} {
		c := &fathom.Connection{UpdatedAt: now.Add(-time.Hour)}
		s.apply(c, &tokenResponse{AccessToken: "at", ExpiresIn: tc.expiresIn})
		if got := c.ExpiresAt.Sub(c.UpdatedAt); got != tc.want {
			t.Errorf("expires_in %v: lifetime read back = %v, want %v", tc.expiresIn, got, tc.want)
		}
	}
}
