package app_test

import (
	"strings"
	"testing"
)

// A summary line's hit carries the moment the line links to, or no
// timestamp at all (null) when it links to none, never 00:00:00.
func TestMeetingsSearchSummaryTimestamps(t *testing.T) {
	s := start(t, testConfig(t))
	ws := seedWorkspace(t, s)
	id := recordingID(t, s.ingest(t, ws.alice, map[string]any{"title": "Funnel review"}))
	s.waitProcessed(t, ws.alice, id)
	summaryHits := func(q string) []map[string]any {
		t.Helper()
		r := s.get(t, "/external/v1/search?q="+q, ws.alice)
		if r.Status != 200 {
			t.Fatalf("search %s: %d %s", q, r.Status, r.Raw)
		}
		var out []map[string]any
		for _, it := range r.Body["items"].([]any) {
			if h := it.(map[string]any); h["kind"] == "summary" {
				out = append(out, h)
			}
		}
		return out
	}
	heading := summaryHits("purpose") // "## Meeting Purpose" links nowhere
	if len(heading) != 1 {
		t.Fatalf("summary hits for the heading: %v", heading)
	}
	if ts, present := heading[0]["timestamp"]; !present || ts != nil || strings.Contains(heading[0]["url"].(string), "timestamp") {
		t.Errorf("a heading's hit: timestamp %v (present %v), url %v; want null and no timestamp in the url", ts, present, heading[0]["url"])
	}
	linked := summaryHits("onboarding")
	if len(linked) == 0 {
		t.Fatal("no summary hit for a word of a linked line")
	}
	for _, h := range linked {
		ts, _ := h["timestamp"].(string)
		if ts == "" || ts == "00:00:00" || !strings.Contains(h["url"].(string), "?timestamp=") {
			t.Errorf("a linked line's hit: timestamp %v, url %v; want the line's moment", h["timestamp"], h["url"])
		}
	}
}
