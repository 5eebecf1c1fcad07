package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// testMeetingSearchAcrossTurns: words and phrases said in consecutive
// transcript items are found together, a quoted phrase only in its order,
// best first; one moment is one hit, with its window; and a viewer finds
// only what it may see.
func testMeetingSearchAcrossTurns(t *testing.T, st store.Store) {
	ctx := context.Background()
	f := seedMeetings(t, st)
	processed := func(m *fathom.Meeting, texts ...string) {
		t.Helper()
		items := make([]fathom.TranscriptItem, len(texts))
		for i, text := range texts {
			items[i] = fathom.TranscriptItem{Speaker: []string{"Ann", "Carl", "Dana"}[i%3], Text: text, At: time.Duration(10*i) * time.Second}
		}
		write(t, st, func(tx store.Tx) error {
			return tx.MeetingProcessed(ctx, &store.MeetingProcessedParams{MeetingID: m.ID, TenantID: m.TenantID, Language: "en",
				Transcript: items, At: now})
		})
	}
	// m1 (the recorder's alone): the phrase across the turns of items 3
	// and 4, which are in one window (2-4) and not the other (0-2, 4-6).
	processed(f.m1, "Hello all.", "Morning.", "Shall we start?", "Yes, let us look at the renewal.",
		"Pricing stays flat this year.", "Good.", "Next item.")
	// m2 (shared with the recorder's team): the same words, in two
	// utterances far apart.
	processed(f.m2, "The renewal is signed.", "One.", "Two.", "Three.", "Four.", "Five.", "Pricing comes later.")
	// m3 (shared with a member of no team): the phrase in one utterance,
	// and the words in reverse order across turns.
	processed(f.m3, "Renewal pricing is what we discuss.", "Um.", "Any pricing.", "Renewal, yes.")
	rec := store.Viewer{TenantID: f.tenant.ID, UserID: f.rec.ID, TeamID: f.team1.ID}
	mate := store.Viewer{TenantID: f.tenant.ID, UserID: f.mate.ID, TeamID: f.team1.ID}
	search := func(v store.Viewer, q string) []*store.SearchHit {
		t.Helper()
		hits, err := st.MeetingSearch(ctx, &store.MeetingSearchParams{Viewer: v, Query: q, Limit: 20})
		if err != nil {
			t.Fatalf("MeetingSearch(%q): %v", q, err)
		}
		return hits
	}
	where := func(hits []*store.SearchHit) string {
		var out []string
		for _, h := range hits {
			out = append(out, fmt.Sprintf("%s@%v", h.Speaker, h.At))
		}
		return strings.Join(out, " ")
	}

	// The phrase: said in one item in m3, across two in m1, never in m2.
	hits := search(rec, `"renewal pricing"`)
	if len(hits) != 2 || hits[0].MeetingID != f.m3.ID || hits[1].MeetingID != f.m1.ID {
		t.Fatalf(`hits for "renewal pricing" = %+v, want m3's then m1's`, hits)
	}
	h := hits[1]
	if h.Kind != store.HitTranscript || h.Speaker != "Ann" || h.At != 30*time.Second || len(h.Window) != 3 {
		t.Fatalf("cross-turn hit = %+v, want Ann at 30s in a window of 3", h)
	}
	want := []store.WindowItem{
		{Speaker: "Dana", At: 20 * time.Second, Text: "Shall we start?"},
		{Speaker: "Ann", At: 30 * time.Second, Text: "Yes, let us look at the renewal.", Matched: true},
		{Speaker: "Carl", At: 40 * time.Second, Text: "Pricing stays flat this year.", Matched: true},
	}
	for i, w := range want {
		if h.Window[i] != w {
			t.Errorf("window item %d = %+v, want %+v", i, h.Window[i], w)
		}
	}
	if !strings.Contains(h.Snippet, "«renewal»") || !strings.Contains(strings.ToLower(h.Snippet), "«pricing»") {
		t.Errorf("cross-turn snippet %q does not mark both words", h.Snippet)
	}
	if h.Score <= 0 || h.Score > hits[0].Score {
		t.Errorf("scores %v then %v: the phrase in one utterance should rank first", hits[0].Score, h.Score)
	}
	// In order only: m1 says "renewal. Pricing", m3 "pricing. Renewal".
	if hits := search(rec, `"pricing renewal"`); len(hits) != 1 || hits[0].MeetingID != f.m3.ID || hits[0].Speaker != "Dana" {
		t.Errorf(`hits for "pricing renewal" = %s, want m3's, from Dana's "Any pricing."`, where(hits))
	}
	// Both words, in any order, in one window: m1 and m3 (twice: item 0,
	// and items 2-3, whose shared item 2 is the first moment's), not m2
	// (six turns apart).
	hits = search(rec, "renewal pricing")
	var got []string
	for _, h := range hits {
		if h.MeetingID == f.m2.ID {
			t.Errorf("m2 found, whose words are six turns apart: %+v", h)
		}
		got = append(got, fmt.Sprintf("%d/%s@%v", h.MeetingID, h.Speaker, h.At))
	}
	if len(hits) != 3 {
		t.Errorf("hits for renewal pricing = %v, want m1's and m3's two", got)
	}
	// One moment is one hit: "renewal" in m1's item 4 is in two windows.
	hits = search(rec, "flat")
	if len(hits) != 1 || hits[0].Speaker != "Carl" || hits[0].At != 40*time.Second {
		t.Fatalf("hits for a word in an item two windows share = %s, want one, Carl's at 40s", where(hits))
	}
	for _, q := range []string{"renewal", "pricing", "renewal pricing", `"renewal pricing"`} {
		seen := map[string]bool{}
		for _, h := range search(rec, q) {
			for _, w := range h.Window {
				key := fmt.Sprintf("%d@%v", h.MeetingID, w.At)
				if w.Matched && seen[key] {
					t.Errorf("%q: the match at %s is in two hits", q, key)
				}
				seen[key] = w.Matched || seen[key]
			}
		}
	}
	// The last item, alone after a window: found, in a window of two.
	if hits := search(rec, "next"); len(hits) != 1 || len(hits[0].Window) != 3 || hits[0].Window[2].Text != "Next item." {
		t.Errorf("hits for the last item = %+v", hits)
	}
	// Visibility: the team mate sees m2 only, where the words are apart;
	// the member m3 is shared with finds it, and only it.
	if w := where(search(mate, "renewal pricing")); w != "" {
		t.Errorf("team mate's hits = %s, want none (m1 and m3 are not shared with it)", w)
	}
	if hits := search(mate, "renewal"); len(hits) != 1 || hits[0].MeetingID != f.m2.ID {
		t.Errorf("team mate's hits for renewal = %+v, want m2's", hits)
	}
	loner := store.Viewer{TenantID: f.tenant.ID, UserID: f.loner.ID}
	if hits := search(loner, `"renewal pricing"`); len(hits) != 1 || hits[0].MeetingID != f.m3.ID {
		t.Errorf("hits of the member m3 is shared with = %s, want m3's", where(hits))
	}
	// Another tenant's search finds nothing of these.
	if w := where(search(store.Viewer{TenantID: f.otherTenant.ID, UserID: f.othr.RecorderID}, "renewal")); w != "" {
		t.Errorf("other tenant's hits = %s", w)
	}
}
