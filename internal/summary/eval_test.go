package summary

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/fathom-oss/fathom/internal/transcript"
	"github.com/fathom-oss/fathom/internal/transcript/transcripttest"
)

// rougeTokens lower-cases text, splits it at anything not a letter or
// digit and Snowball-stems the words, as ROUGE-1.5.5 does with -m.
func rougeTokens(text string) []string {
	stem := stemmer("en")
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		out = append(out, stem(w))
	}
	return out
}

// rouge is ROUGE-N recall, precision and F1 of a candidate against one reference.
func rouge(cand, ref []string, n int) (recall, precision, f1 float64) {
	grams := func(ts []string) (map[string]int, int) {
		m := map[string]int{}
		total := 0
		for i := 0; i+n <= len(ts); i++ {
			m[strings.Join(ts[i:i+n], " ")]++
			total++
		}
		return m, total
	}
	c, ct := grams(cand)
	r, rt := grams(ref)
	overlap := 0
	for g, k := range r {
		overlap += min(k, c[g])
	}
	if ct == 0 || rt == 0 || overlap == 0 {
		return 0, 0, 0
	}
	recall, precision = float64(overlap)/float64(rt), float64(overlap)/float64(ct)
	return recall, precision, 2 * recall * precision / (recall + precision)
}

var (
	linkTarget = regexp.MustCompile(`\]\([^)]*\)`)
	fixedHead  = regexp.MustCompile(`(?m)^## (Meeting Purpose|Key Takeaways|Topics|Next Steps)$`)
)

// plain strips the Markdown: links' targets, the four fixed headings
// (template, not content), heading marks, bullets, bold and escapes.
func plain(md string) string {
	md = linkTarget.ReplaceAllString(md, " ")
	md = fixedHead.ReplaceAllString(md, " ")
	return strings.NewReplacer("[", " ", "###", " ", "**", " ", "  - ", " ", `\`, "").Replace(md)
}

// lead is the first n tokens of the transcript's sentences: the baseline.
func lead(text string, n int) []string {
	ts := rougeTokens(text)
	return ts[:min(n, len(ts))]
}

type scores struct{ r1, f1, r2, f2 float64 }

func (s *scores) add(cand, ref []string) {
	r1, _, f1 := rouge(cand, ref, 1)
	r2, _, f2 := rouge(cand, ref, 2)
	s.r1, s.f1, s.r2, s.f2 = s.r1+r1, s.f1+f1, s.r2+r2, s.f2+f2
}

func (s scores) mean(n int) scores {
	k := float64(n)
	return scores{s.r1 / k, s.f1 / k, s.r2 / k, s.f2 / k}
}

// TestQMSumROUGE measures the General summary against QMSum's reference
// answers to "Summarize the whole meeting." and a lead baseline of the
// same length, and fails only if the summariser does not beat the lead on
// ROUGE-1 F1: the figures themselves are for README.md.
func TestQMSumROUGE(t *testing.T) {
	meetings := transcripttest.QMSumOrSkip(t)
	var sum, base scores
	n, words := 0, 0
	for _, m := range meetings {
		if m.Reference == "" {
			continue
		}
		d, err := transcript.Parse(m.Name, m.Data)
		if err != nil {
			t.Fatal(err)
		}
		meta := Meta{Title: d.Title, ShareURL: "https://fathom.example/share/x", Language: Language(d.Items)}
		actions := ActionItems(d.Items, nil, meta)
		md := General(d.Items, actions, meta).Markdown
		cand, ref := rougeTokens(plain(md)), rougeTokens(m.Reference)
		var all strings.Builder
		for _, it := range d.Items {
			all.WriteString(it.Text + " ")
		}
		var one, onebase scores
		one.add(cand, ref)
		onebase.add(lead(all.String(), len(cand)), ref)
		sum.add(cand, ref)
		base.add(lead(all.String(), len(cand)), ref)
		t.Logf("%-13s %4d words  summary R1 %.3f F1 %.3f R2 %.3f F2 %.3f | lead F1 %.3f F2 %.3f",
			m.Name, len(cand), one.r1, one.f1, one.r2, one.f2, onebase.f1, onebase.f2)
		n++
		words += len(cand)
	}
	s, b := sum.mean(n), base.mean(n)
	t.Logf("mean over %d meetings, %d words per summary", n, words/n)
	t.Logf("summary: ROUGE-1 R %.3f F1 %.3f  ROUGE-2 R %.3f F1 %.3f", s.r1, s.f1, s.r2, s.f2)
	t.Logf("lead:    ROUGE-1 R %.3f F1 %.3f  ROUGE-2 R %.3f F1 %.3f", b.r1, b.f1, b.r2, b.f2)
	if s.f1 <= b.f1 {
		t.Errorf("summary ROUGE-1 F1 %.3f does not beat the lead baseline's %.3f", s.f1, b.f1)
	}
}
