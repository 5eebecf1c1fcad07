package client_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/client"
)

func TestAnalyticsCalls(t *testing.T) {
	url, key := server(t)
	ctx := context.Background()
	c, err := client.New(client.WithBaseURL(url), client.WithAPIKey(key), client.WithRateLimit(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	end := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
	start := end.Add(-time.Minute)
	m, _, err := c.CreateRecording(ctx, client.RecordingInput{Title: "Renewal", RecordingStartTime: &start, RecordingEndTime: &end,
		CalendarInvitees: []client.InviteeInput{{Name: "Alice", Email: "alice@acme.com"}},
		Transcript: []client.TranscriptItem{
			{Speaker: client.Speaker{DisplayName: "Alice"}, Text: "Shall we renew?", Timestamp: "00:00:00"},
			{Speaker: client.Speaker{DisplayName: "Bob"}, Text: "Yes, for two years.", Timestamp: "00:00:45"}}})
	if err != nil {
		t.Fatal(err)
	}
	var a *client.RecordingAnalytics
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if sum, err := c.RecordingSummary(ctx, m.RecordingID); err != nil || sum != nil || time.Now().After(deadline) {
			break
		}
	}
	if a, err = c.RecordingAnalytics(ctx, m.RecordingID); err != nil {
		t.Fatal(err)
	}
	if len(a.Speakers) != 2 || a.Speakers[0].TalkTimeSeconds != 45 || a.Speakers[0].Questions != 1 || a.Speakers[1].Side != "unknown" ||
		a.Sides.Unknown.Share != 0.25 || a.LongestMonologue == nil || a.LongestMonologue.Speaker != "Alice" {
		t.Fatalf("RecordingAnalytics = %+v", a)
	}
	rep, err := c.Analytics(ctx, client.AnalyticsQuery{CreatedAfter: end.Add(-time.Hour), CreatedBefore: end.Add(time.Hour)})
	if err != nil || rep.GroupBy != "person" || rep.Meetings != 1 || len(rep.Items) != 2 || rep.Items[0].Name != "Alice" ||
		rep.Items[0].Share != 0.75 || rep.CreatedAfter == nil || !rep.CreatedAfter.Equal(end.Add(-time.Hour)) {
		t.Fatalf("Analytics = %+v %v", rep, err)
	}
	if _, err := c.RecordingAnalytics(ctx, 999999); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("unknown recording: %v, want ErrNotFound", err)
	}
	if _, err := c.Analytics(ctx, client.AnalyticsQuery{GroupBy: "company"}); err == nil {
		t.Error("group_by=company: no error")
	}
}
