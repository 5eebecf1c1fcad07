package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/summary"
	"github.com/fathom-oss/fathom/internal/transcript"
)

// QMSumMeeting is one QMSum meeting: its transcript as the server would
// import it and the human reference answer to its general query
// ("Summarize the whole meeting.").
type QMSumMeeting struct {
	Name      string // the file's name without ".json", e.g. "ES2004a"
	Title     string
	Items     []fathom.TranscriptItem
	Reference string
	Report    bool // in the report split (see QMSumReportSplit)
}

// QMSumSeries is the AMI series a meeting belongs to: its name without the
// trailing session letter ("ES2004a" → "ES2004"). The four sessions of a
// series are one team's project, so a split keeps them together.
func QMSumSeries(name string) string {
	if n := len(name); n > 1 && name[n-1] >= 'a' && name[n-1] <= 'z' {
		return name[:n-1]
	}
	return name
}

// QMSumReportSplit says which series are the report split: the series in
// name order, alternately develop and report, the first develop. The folder
// holds only QMSum's 20 AMI test meetings (five series), so QMSum's own
// train/val/test cannot be used; the rule was fixed before any figure of the
// report split was seen, and all tuning looks at the develop split only.
func QMSumReportSplit(series []string) map[string]bool {
	s := append([]string(nil), series...)
	sort.Strings(s)
	s = compactSorted(s)
	out := map[string]bool{}
	for i, x := range s {
		out[x] = i%2 == 1
	}
	return out
}

func compactSorted(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// LoadQMSum reads every *.json meeting of dir in name order, parsed as the
// server parses an imported QMSum file, and marks each one's split.
// Meetings without a general-query answer are left out.
func LoadQMSum(dir string) ([]QMSumMeeting, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no QMSum meeting in %s: %w", filepath.Join(dir, "*.json"), os.ErrNotExist)
	}
	sort.Strings(paths)
	var out []QMSumMeeting
	var series []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var f struct {
			General []struct {
				Answer string `json:"answer"`
			} `json:"general_query_list"`
		}
		if err := json.Unmarshal(data, &f); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if len(f.General) == 0 || strings.TrimSpace(f.General[0].Answer) == "" {
			continue
		}
		d, err := transcript.Parse(filepath.Base(p), data)
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(filepath.Base(p), ".json")
		out = append(out, QMSumMeeting{Name: name, Title: d.Title, Items: d.Items, Reference: f.General[0].Answer})
		series = append(series, QMSumSeries(name))
	}
	report := QMSumReportSplit(series)
	for i := range out {
		out[i].Report = report[QMSumSeries(out[i].Name)]
	}
	return out, nil
}

var (
	mdLinkTarget = regexp.MustCompile(`\]\([^)]*\)`)
	mdFixedHead  = regexp.MustCompile(`(?m)^## (Meeting Purpose|Key Takeaways|Topics|Next Steps)$`)
)

// PlainSummary strips a General summary's Markdown for scoring: the links'
// targets, the four fixed section headings (template, not content), heading
// marks, bullets, bold and escapes.
func PlainSummary(md string) string {
	md = mdLinkTarget.ReplaceAllString(md, " ")
	md = mdFixedHead.ReplaceAllString(md, " ")
	return strings.NewReplacer("[", " ", "]", " ", "###", " ", "**", " ", "  - ", " ", `\`, "").Replace(md)
}

// QMSumSystem is one summariser's ROUGE on a meeting, or averaged.
type QMSumSystem struct{ R1, R2, RL ROUGE }

func (s *QMSumSystem) add(o QMSumSystem) {
	for _, p := range [][2]*ROUGE{{&s.R1, &o.R1}, {&s.R2, &o.R2}, {&s.RL, &o.RL}} {
		p[0].Recall += p[1].Recall
		p[0].Precision += p[1].Precision
		p[0].F1 += p[1].F1
	}
}

func (s QMSumSystem) div(n int) QMSumSystem {
	k := float64(max(n, 1))
	d := func(r ROUGE) ROUGE { return ROUGE{r.Recall / k, r.Precision / k, r.F1 / k} }
	return QMSumSystem{d(s.R1), d(s.R2), d(s.RL)}
}

func scoreSystem(cand, ref []string) QMSumSystem {
	return QMSumSystem{RougeN(cand, ref, 1), RougeN(cand, ref, 2), RougeL(cand, ref)}
}

// QMSumRow is one meeting's scores: the summary under test, and the lead
// and TextRank baselines cut to the summary's length in tokens.
type QMSumRow struct {
	Name                 string
	Words                int // the summary's length in ROUGE tokens: every system's budget
	Ours, Lead, TextRank QMSumSystem
}

// QMSumScore is the rows of one split and their means.
type QMSumScore struct {
	Rows                 []QMSumRow
	Words                int // mean budget
	Ours, Lead, TextRank QMSumSystem
}

// ScoreQMSum scores summarise's text (Markdown is stripped with
// PlainSummary) on every meeting, beside the lead and TextRank of the same
// number of tokens, all tokenised and scored alike.
func ScoreQMSum(ms []QMSumMeeting, summarise func(QMSumMeeting) string) QMSumScore {
	var s QMSumScore
	for _, m := range ms {
		ref := RougeTokens(m.Reference)
		cand := RougeTokens(PlainSummary(summarise(m)))
		n := len(cand)
		row := QMSumRow{Name: m.Name, Words: n, Ours: scoreSystem(cand, ref)}
		row.Lead = scoreSystem(leadTokens(m.Items, n), ref)
		row.TextRank = scoreSystem(TextRank(m.Items, n), ref)
		s.Rows = append(s.Rows, row)
		s.Words += n
		s.Ours.add(row.Ours)
		s.Lead.add(row.Lead)
		s.TextRank.add(row.TextRank)
	}
	k := len(s.Rows)
	s.Words /= max(k, 1)
	s.Ours, s.Lead, s.TextRank = s.Ours.div(k), s.Lead.div(k), s.TextRank.div(k)
	return s
}

// QMSumGeneral is the summary under test: a meeting's General summary made
// as the processing job makes it (language, action items, then the summary
// that lists them).
func QMSumGeneral(m QMSumMeeting) string {
	meta := summary.Meta{Title: m.Title, ShareURL: "https://fathom.example/share/x", Language: summary.Language(m.Items)}
	return summary.General(m.Items, summary.ActionItems(m.Items, nil, meta), meta).Markdown
}

// QMSumModel is the summary under test when a chat model writes it, made
// as the processing job makes it: the model's General summary, or the
// extractive one whenever the model fails. failed counts those meetings
// and last keeps the last failure.
func QMSumModel(ctx context.Context, model summary.Model, failed *int, last *error) func(QMSumMeeting) string {
	return func(m QMSumMeeting) string {
		meta := summary.Meta{Title: m.Title, ShareURL: "https://fathom.example/share/x", Language: summary.Language(m.Items)}
		actions := summary.ActionItems(m.Items, nil, meta)
		s, err := model.General(ctx, m.Items, actions, meta)
		if err != nil {
			*failed++
			*last = err
			return summary.General(m.Items, actions, meta).Markdown
		}
		return s.Markdown
	}
}

// leadTokens is the baseline every summariser must beat: the transcript's
// first n tokens.
func leadTokens(items []fathom.TranscriptItem, n int) []string {
	var out []string
	for _, it := range items {
		if len(out) >= n {
			break
		}
		out = append(out, RougeTokens(it.Text)...)
	}
	return out[:min(n, len(out))]
}
