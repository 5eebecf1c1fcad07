package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// AnalyticsReader reads meetings' stored analytics.
type AnalyticsReader interface {
	// MeetingAnalyticsGet returns the analytics stored for a meeting of
	// the tenant, ErrNotFound when none were stored yet.
	MeetingAnalyticsGet(ctx context.Context, tenantID, meetingID int64) (*fathom.MeetingAnalytics, error)
	// MeetingAnalyticsMissing returns up to limit ids of the tenant's ready
	// meetings created in the period (bounds strict, zero: open) that have
	// no analytics stored, in id order.
	MeetingAnalyticsMissing(ctx context.Context, p *MeetingAnalyticsMissingParams) ([]int64, error)
	// MeetingAnalyticsScan calls fn for each meeting p.Viewer can see,
	// created in the period, with analytics stored and one speaker or
	// more, oldest first; each speaker carries the team, now, of the
	// workspace user with its email (TeamID, TeamName), and the meeting
	// its CreatedAt.
	MeetingAnalyticsScan(ctx context.Context, p *MeetingAnalyticsScanParams, fn func(a *fathom.MeetingAnalytics) error) error
}

// AnalyticsTx writes meetings' analytics.
type AnalyticsTx interface {
	// MeetingAnalyticsPut stores a's analytics for its meeting, replacing
	// whatever was stored (TeamID, TeamName and CreatedAt are not stored).
	MeetingAnalyticsPut(ctx context.Context, a *fathom.MeetingAnalytics) error
}

// MeetingAnalyticsMissingParams select meetings without analytics.
type MeetingAnalyticsMissingParams struct {
	TenantID      int64
	CreatedAfter  time.Time
	CreatedBefore time.Time
	Limit         int
}

// MeetingAnalyticsScanParams select the meetings of a report.
type MeetingAnalyticsScanParams struct {
	Viewer        Viewer
	CreatedAfter  time.Time // strict; zero: no bound
	CreatedBefore time.Time // strict; zero: no bound
}

// storedSpeaker is one speaker's figures as stored: a meeting's speakers
// are one JSON array in this encoding on every engine (reports read them
// whole; nothing queries inside them). Durations are in milliseconds.
type storedSpeaker struct {
	Speaker     string `json:"s"`
	Email       string `json:"e,omitempty"`
	Side        string `json:"x"`
	TalkMS      int64  `json:"t"`
	Turns       int    `json:"n"`
	Questions   int    `json:"q,omitempty"`
	MonologueMS int64  `json:"m"`
	MonoAtMS    int64  `json:"ma"`
}

// MarshalSpeakers encodes a meeting's speakers as stored.
func MarshalSpeakers(ss []fathom.SpeakerTalk) (string, error) {
	out := make([]storedSpeaker, len(ss))
	for i, s := range ss {
		out[i] = storedSpeaker{Speaker: s.Speaker, Email: s.Email, Side: s.Side, TalkMS: s.Talk.Milliseconds(), Turns: s.Turns,
			Questions: s.Questions, MonologueMS: s.Monologue.Milliseconds(), MonoAtMS: s.MonologueAt.Milliseconds()}
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// UnmarshalSpeakers decodes a meeting's stored speakers.
func UnmarshalSpeakers(s string) ([]fathom.SpeakerTalk, error) {
	var stored []storedSpeaker
	if err := json.Unmarshal([]byte(s), &stored); err != nil {
		return nil, fmt.Errorf("decode speakers: %w", err)
	}
	out := make([]fathom.SpeakerTalk, len(stored))
	ms := func(n int64) time.Duration { return time.Duration(n) * time.Millisecond }
	for i, st := range stored {
		out[i] = fathom.SpeakerTalk{Speaker: st.Speaker, Email: st.Email, Side: st.Side, Talk: ms(st.TalkMS), Turns: st.Turns,
			Questions: st.Questions, Monologue: ms(st.MonologueMS), MonologueAt: ms(st.MonoAtMS)}
	}
	return out, nil
}
