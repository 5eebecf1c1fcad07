package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
	"github.com/fathom-oss/fathom/internal/store/postgres/pgtest"
	"github.com/fathom-oss/fathom/internal/store/sqlite/sqlitetest"
	"github.com/fathom-oss/fathom/internal/transcript"
	"github.com/fathom-oss/fathom/internal/transcript/transcripttest"
)

// TestMeetingSearchMatchesSQLite indexes the QMSum meetings in both
// engines and asks both the same questions: PostgreSQL's full-text search
// must find the same utterances as SQLite's FTS5 table, words, prefixes,
// phrases of punctuated words and all, up to the few words that Porter's
// stemmer (FTS5) and Snowball's (PostgreSQL) reduce differently.
func TestMeetingSearchMatchesSQLite(t *testing.T) {
	t.Parallel()
	meetings := transcripttest.QMSumOrSkip(t)
	engines := map[string]store.Store{"sqlite": sqlitetest.Open(t, t.TempDir()), "postgres": pgtest.Open(t)}
	viewers := map[string]store.Viewer{}
	for name, st := range engines {
		viewers[name] = indexQMSum(t, st, meetings)
	}
	queries := []string{
		"remote", "button*", "design", "user interface", "scroll wheel", "voice recognition", "LCD", "batteries",
		"twenty-five", "re-design*", "don't", "it's", "yeah", "the", "euro*", "rubber", "kinetic", "fruit", "spongy",
		"cost*", "fifty", "marketing expert", "banana", "um", "okay so", "industrial", "prototype", "evalu*",
		"budget", "a", "I", "uh-huh", "mm-hmm", "children", "curved", "teletext", "locator", "recharg*",
	}
	differ, sameSnippet, snippets := 0, 0, 0
	for _, q := range queries {
		got := map[string][]string{}
		snippet := map[string]map[string]string{"sqlite": {}, "postgres": {}}
		for name, st := range engines {
			hits, err := st.MeetingSearch(context.Background(), &store.MeetingSearchParams{Viewer: viewers[name], Query: q, Limit: 100_000})
			if err != nil {
				t.Fatalf("%s: MeetingSearch(%q): %v", name, q, err)
			}
			for _, h := range hits {
				key := fmt.Sprintf("%d/%s/%d/%s", h.MeetingID, h.Kind, h.At.Milliseconds(), h.Speaker)
				got[name], snippet[name][key] = append(got[name], key), h.Snippet
				if !strings.Contains(h.Snippet, "«") && name == "postgres" && !strings.Contains(q, "-") && !strings.Contains(q, "'") {
					t.Errorf("postgres: snippet %q of a hit for %q marks nothing", h.Snippet, q)
				}
			}
			slices.Sort(got[name])
		}
		for key, s := range snippet["sqlite"] {
			snippets++
			if snippet["postgres"][key] == s {
				sameSnippet++
			}
		}
		if !slices.Equal(got["sqlite"], got["postgres"]) {
			differ++
			t.Logf("%q: sqlite %d hits, postgres %d hits", q, len(got["sqlite"]), len(got["postgres"]))
		}
		if len(got["sqlite"]) == 0 && len(got["postgres"]) == 0 && q != "banana" {
			t.Errorf("%q found nothing on either engine: not a useful question", q)
		}
	}
	// Snippets may differ where the engines choose another window of a
	// long utterance; the share that is identical is reported, not held.
	t.Logf("%d of %d snippets identical on both engines", sameSnippet, snippets)
	if differ > 0 {
		t.Errorf("%d of %d questions found different utterances", differ, len(queries))
	}
}

// indexQMSum stores and processes the meetings as one recorder's.
func indexQMSum(t *testing.T, st store.Store, meetings []transcripttest.Meeting) store.Viewer {
	t.Helper()
	ctx := context.Background()
	var v store.Viewer
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	err := st.Write(ctx, func(tx store.Tx) error {
		tn, err := tx.TenantCreate(ctx, &store.TenantCreateParams{Name: "qmsum", CreatedAt: at})
		if err != nil {
			return err
		}
		u, err := tx.UserCreate(ctx, &store.UserCreateParams{TenantID: tn.ID, Email: "r@qmsum.test", CreatedAt: at})
		if err != nil {
			return err
		}
		v = store.Viewer{TenantID: tn.ID, UserID: u.ID}
		for i, q := range meetings {
			d, err := transcript.Parse(q.Name, q.Data)
			if err != nil {
				return err
			}
			m := &fathom.Meeting{TenantID: tn.ID, RecorderID: u.ID, Title: d.Title, ShareToken: q.Name,
				CreatedAt: at.Add(time.Duration(i) * time.Hour), RecordingStart: at, RecordingEnd: at, Transcript: d.Items}
			if err := tx.MeetingCreate(ctx, m); err != nil {
				return err
			}
			err = tx.MeetingProcessed(ctx, &store.MeetingProcessedParams{MeetingID: m.ID, TenantID: tn.ID, Language: "en",
				Transcript: d.Items, At: at})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}
