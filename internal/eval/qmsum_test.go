package eval

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fathom-oss/fathom/internal/dataset"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestRouge(t *testing.T) {
	t.Parallel()
	ref := RougeTokens("The cat sat on the mat.")
	cand := RougeTokens("the cat was on the mat")
	// Unigrams: the×2, cat, on, mat match of 6 and 6; bigrams: "the cat",
	// "on the", "the mat" of 5 and 5; LCS "the cat on the mat" = 5.
	if r := RougeN(cand, ref, 1); !near(r.Recall, 5.0/6) || !near(r.Precision, 5.0/6) || !near(r.F1, 5.0/6) {
		t.Errorf("ROUGE-1 = %+v", r)
	}
	if r := RougeN(cand, ref, 2); !near(r.Recall, 3.0/5) || !near(r.F1, 3.0/5) {
		t.Errorf("ROUGE-2 = %+v", r)
	}
	if r := RougeL(cand, ref); !near(r.Recall, 5.0/6) {
		t.Errorf("ROUGE-L = %+v", r)
	}
	// Clipping: a word said three times counts as often as the reference has it.
	if r := RougeN(RougeTokens("mat mat mat"), ref, 1); !near(r.Precision, 1.0/3) || !near(r.Recall, 1.0/6) {
		t.Errorf("clipped ROUGE-1 = %+v", r)
	}
	// Stemming: "buttons" matches "button".
	if r := RougeN(RougeTokens("Buttons!"), RougeTokens("button"), 1); !near(r.F1, 1) {
		t.Errorf("stemmed ROUGE-1 = %+v", r)
	}
	if r := RougeL(nil, ref); r != (ROUGE{}) {
		t.Errorf("empty candidate ROUGE-L = %+v", r)
	}
}

func TestQMSumReportSplit(t *testing.T) {
	t.Parallel()
	got := QMSumReportSplit([]string{"TS3011", "ES2004", "ES2011", "IS1003", "TS3004", "ES2004"})
	want := map[string]bool{"ES2004": false, "ES2011": true, "IS1003": false, "TS3004": true, "TS3011": false}
	if len(got) != len(want) {
		t.Fatalf("split %v", got)
	}
	for s, w := range want {
		if got[s] != w {
			t.Errorf("series %s report = %v, want %v", s, got[s], w)
		}
	}
	if QMSumSeries("ES2004a") != "ES2004" || QMSumSeries("X") != "X" {
		t.Error("QMSumSeries")
	}
}

// writeQMSum writes a meeting in QMSum's layout.
func writeQMSum(t *testing.T, dir, name, answer string, lines ...[2]string) {
	t.Helper()
	type turn struct {
		Speaker string `json:"speaker"`
		Content string `json:"content"`
	}
	f := struct {
		General    []map[string]string `json:"general_query_list"`
		Transcript []turn              `json:"meeting_transcripts"`
	}{General: []map[string]string{{"query": "Summarize the whole meeting.", "answer": answer}}}
	for _, l := range lines {
		f.Transcript = append(f.Transcript, turn{l[0], l[1]})
	}
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestScoreQMSum runs the harness on a two-meeting fixture: the split,
// the equal budget of the baselines, and scores that follow the text.
func TestScoreQMSum(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ref := "The team chose a rubber case and a yellow battery cover."
	lines := [][2]string{
		{"A", "Hello everyone , welcome ."},
		{"B", "We should pick a rubber case ."},
		{"C", "A rubber case and a yellow battery cover would look good ."},
		{"A", "Yellow battery cover it is , with the rubber case ."},
		{"B", "Lunch is at noon ."},
	}
	writeQMSum(t, dir, "AB1000a", ref, lines...)
	writeQMSum(t, dir, "AB1001a", ref, lines...)
	writeQMSum(t, dir, "AB1002a", "", lines...) // no reference: left out
	ms, err := LoadQMSum(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0].Report || !ms[1].Report || len(ms[0].Items) != len(lines) {
		t.Fatalf("meetings %+v", ms)
	}
	perfect := ScoreQMSum(ms[:1], func(QMSumMeeting) string {
		return "## Meeting Purpose\n\n[" + ref + "](https://f.example/share/x?tab=summary&timestamp=0.0)\n"
	})
	n := len(RougeTokens(ref))
	if perfect.Words != n || !near(perfect.Ours.R1.F1, 1) || !near(perfect.Ours.R2.F1, 1) || !near(perfect.Ours.RL.F1, 1) {
		t.Errorf("the reference itself scores %+v over %d tokens", perfect.Ours, perfect.Words)
	}
	// The lead starts with the greeting: worse than the reference, and
	// TextRank's central sentence (the rubber case and battery cover) is
	// better than the lead.
	r := perfect.Rows[0]
	if r.Lead.R1.F1 >= 0.9 || r.TextRank.R1.F1 <= r.Lead.R1.F1 {
		t.Errorf("lead %+v, TextRank %+v", r.Lead.R1, r.TextRank.R1)
	}
	if got := leadTokens(ms[0].Items, n); len(got) != n || got[0] != "hello" {
		t.Errorf("lead %v", got)
	}
	if got := TextRank(ms[0].Items, n); len(got) != n || !strings.Contains(strings.Join(got, " "), "yellow batteri cover") {
		t.Errorf("TextRank %v", got)
	}
	empty := ScoreQMSum(ms, func(QMSumMeeting) string { return "" })
	if empty.Words != 0 || empty.Ours.R1.F1 != 0 || len(empty.Rows) != 2 {
		t.Errorf("an empty summary scores %+v", empty)
	}
}

func TestPlainSummary(t *testing.T) {
	t.Parallel()
	md := "## Meeting Purpose\n\n[Pick a \\*case\\*.](https://f.example/share/x?tab=summary&timestamp=3.0)\n\n## Topics\n\n### Rubber Case\n\n  - [**Ann:**](https://f.example/s)\n"
	got := strings.Join(strings.Fields(PlainSummary(md)), " ")
	if got != "Pick a *case*. Rubber Case Ann:" {
		t.Errorf("PlainSummary = %q", got)
	}
}

// TestQMSumDevelop is the harness on the real develop split: the lead fed
// through as a summary scores exactly as the lead baseline, and the General
// summary beats both baselines on ROUGE-1 F1 at equal length.
func TestQMSumDevelop(t *testing.T) {
	dir, ok := dataset.Dir("qmsum")
	if !ok {
		t.Skip("qmsum data not found: looked for shared/data/qmsum in the working directory and its parents")
	}
	ms, err := LoadQMSum(dir)
	if err != nil {
		t.Fatal(err)
	}
	var develop []QMSumMeeting
	for _, m := range ms {
		if !m.Report {
			develop = append(develop, m)
		}
	}
	lead := ScoreQMSum(develop, func(m QMSumMeeting) string {
		var b strings.Builder
		for _, it := range m.Items[:min(len(m.Items), 40)] {
			b.WriteString(it.Text + " ")
		}
		return b.String()
	})
	if len(lead.Rows) != 12 || lead.Words == 0 {
		t.Fatalf("develop split: %d meetings, %d words", len(lead.Rows), lead.Words)
	}
	if !near(lead.Ours.R1.F1, lead.Lead.R1.F1) {
		t.Errorf("the lead scored as a summary (%.3f) differs from the lead baseline (%.3f)", lead.Ours.R1.F1, lead.Lead.R1.F1)
	}
	s := ScoreQMSum(develop, QMSumGeneral)
	t.Logf("develop: General R1 F1 %.3f R2 F1 %.3f | lead %.3f %.3f | TextRank %.3f %.3f",
		s.Ours.R1.F1, s.Ours.R2.F1, s.Lead.R1.F1, s.Lead.R2.F1, s.TextRank.R1.F1, s.TextRank.R2.F1)
	if s.Ours.R1.F1 <= s.Lead.R1.F1 || s.Ours.R1.F1 <= s.TextRank.R1.F1 {
		t.Errorf("General ROUGE-1 F1 %.3f does not beat lead %.3f and TextRank %.3f", s.Ours.R1.F1, s.Lead.R1.F1, s.TextRank.R1.F1)
	}
}
