package summary

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/transcript"
	"github.com/fathom-oss/fathom/internal/transcript/transcripttest"
)

// TestMarkdownLayout pins Fathom's layout (spec §13) byte for byte.
func TestMarkdownLayout(t *testing.T) {
	t.Parallel()
	d := doc{
		share:   "https://fathom.example/share/TOKEN",
		purpose: line{text: "Sync on client feedback and prioritise fixes.", at: 230 * time.Second},
		takeaways: []line{
			{label: "Client Expansion", text: "The rollout reaches 140 employees next week.", at: 230 * time.Second},
			{label: "Immediate Fixes", text: "Batch QR download [v2] *first*.", at: 250500 * time.Millisecond},
		},
		topics: []section{
			{title: "Client Rollout & Feedback", lines: []line{{text: "Seat's client is expanding.", at: 230 * time.Second}}},
			{title: "Technical Priorities", lines: []line{{text: "Refactor the menu_name code.", at: 400 * time.Second}}},
		},
		steps: nextSteps([]fathom.ActionItem{
			{Description: "Implement batch QR code download", AssigneeName: "Adrian", At: 697 * time.Second},
			{Description: "Check the logs.", At: 700 * time.Second},
			{Description: "Fix the weekly menu name cutout bug", AssigneeName: "Enes", At: 250 * time.Second},
			{Description: "Write the release notes", AssigneeName: "Adrian", At: 800 * time.Second},
		}),
	}
	const u = "https://fathom.example/share/TOKEN?tab=summary&timestamp="
	want := "## Meeting Purpose\n\n" +
		"[Sync on client feedback and prioritise fixes.](" + u + "230.0)\n\n" +
		"## Key Takeaways\n\n" +
		"  - [**Client Expansion:** The rollout reaches 140 employees next week.](" + u + "230.0)\n" +
		"  - [**Immediate Fixes:** Batch QR download \\[v2\\] \\*first\\*.](" + u + "250.0)\n\n" +
		"## Topics\n\n" +
		"### Client Rollout & Feedback\n\n" +
		"  - [Seat's client is expanding.](" + u + "230.0)\n\n" +
		"### Technical Priorities\n\n" +
		"  - [Refactor the menu\\_name code.](" + u + "400.0)\n\n" +
		"## Next Steps\n\n" +
		"  - [**Adrian:**](" + u + "697.0)\n" +
		"      - [Implement batch QR code download.](" + u + "697.0)\n" +
		"      - [Write the release notes.](" + u + "800.0)\n" +
		"  - [**Enes:**](" + u + "250.0)\n" +
		"      - [Fix the weekly menu name cutout bug.](" + u + "250.0)\n" +
		"  - [**Unassigned:**](" + u + "700.0)\n" +
		"      - [Check the logs.](" + u + "700.0)\n"
	if got := d.markdown(); got != want {
		t.Errorf("markdown:\n%s\nwant:\n%s", got, want)
	}
}

// bulletLine is every line of a General summary that is not a heading or
// blank: a paragraph or bullet that is one link.
var bulletLine = regexp.MustCompile(`^(  - |      - )?\[.*\]\(https://f\.example/share/x\?tab=summary&timestamp=\d+\.0\)$`)

func checkLayout(t *testing.T, md string) {
	t.Helper()
	if !strings.HasSuffix(md, "\n") || strings.HasSuffix(md, "\n\n") {
		t.Errorf("does not end with exactly one newline: %q", md[max(0, len(md)-40):])
	}
	var heads []string
	lines := strings.Split(strings.TrimSuffix(md, "\n"), "\n")
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "## "), strings.HasPrefix(l, "### "):
			if strings.HasPrefix(l, "## ") {
				heads = append(heads, l)
			}
			if i+1 >= len(lines) || lines[i+1] != "" {
				t.Errorf("no blank line after heading %q", l)
			}
		case l == "":
		case !bulletLine.MatchString(l):
			t.Errorf("line %d is not a linked paragraph or bullet: %q", i+1, l)
		}
	}
	want := "## Meeting Purpose|## Key Takeaways|## Topics|## Next Steps"
	if got := strings.Join(heads, "|"); got != want {
		t.Errorf("sections %q, want %q", got, want)
	}
}

func TestGeneral(t *testing.T) {
	t.Parallel()
	items := meetingOf(
		utt{"Ann", "Hi everyone, thanks for joining."},
		utt{"Ann", "Today we need to agree the launch plan for the mobile checkout redesign."},
		utt{"Ben", "The mobile checkout redesign is nearly done, the payment form needs another review."},
		utt{"Ann", "Good. The launch plan says we ship the checkout redesign to ten percent of users first."},
		utt{"Ben", "Um, yeah, okay."},
		utt{"Ben", "I'll send the payment form review notes by Friday."},
	)
	meta := Meta{Title: "Launch", ShareURL: "https://f.example/share/x", Language: "en"}
	s := General(items, ActionItems(items, nil, meta), meta)
	if s.TemplateName != "General" {
		t.Errorf("template %q", s.TemplateName)
	}
	checkLayout(t, s.Markdown)
	for _, want := range []string{
		"[Today we need to agree the launch plan for the mobile checkout redesign.](https://f.example/share/x?tab=summary&timestamp=1.0)",
		"  - [**Ben:**](https://f.example/share/x?tab=summary&timestamp=5.0)\n      - [Send the payment form review notes by Friday.]",
	} {
		if !strings.Contains(s.Markdown, want) {
			t.Errorf("summary lacks %q:\n%s", want, s.Markdown)
		}
	}
	if strings.Contains(s.Markdown, "Um, yeah") {
		t.Errorf("filler picked:\n%s", s.Markdown)
	}
}

func TestGeneralEmpty(t *testing.T) {
	t.Parallel()
	for _, items := range [][]fathom.TranscriptItem{nil, meetingOf(utt{"Ann", "Yeah."}, utt{"Ben", "Okay."})} {
		s := General(items, nil, Meta{ShareURL: "https://f.example/share/x"})
		checkLayout(t, s.Markdown)
		if !strings.Contains(s.Markdown, noPurpose) || !strings.Contains(s.Markdown, noSteps) {
			t.Errorf("empty meeting:\n%s", s.Markdown)
		}
	}
}

func TestLanguage(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"en": "So we need to decide what the budget is and who will do the work for this project.",
		"es": "Bueno, creo que el proyecto está muy bien, pero tenemos que hablar de los costes para la próxima semana.",
		"fr": "Alors je pense que nous avons un problème avec le budget, mais c'est très important pour le projet.",
		"de": "Ich glaube, dass wir das Budget noch nicht haben, aber wir sind auf einem guten Weg mit dem Projekt.",
		"pt": "Então, eu acho que o projeto está muito bom, mas não temos o orçamento para isso também.",
		"it": "Allora, io penso che il progetto non sia male, ma abbiamo anche un problema con il budget per questo.",
		"nl": "Ik denk dat het project goed is, maar we hebben nog niet het budget voor dit en dat is wel een probleem.",
	}
	for want, text := range tests {
		if got := Language(meetingOf(utt{"A", text}, utt{"B", text})); got != want {
			t.Errorf("Language(%s sample) = %q", want, got)
		}
	}
	for _, text := range []string{"", "Ok.", "12 34 56", "Xyzzy plugh."} {
		if got := Language(meetingOf(utt{"A", text})); got != "en" {
			t.Errorf("Language(%q) = %q, want the default en", text, got)
		}
	}
}

// TestQMSumGeneral checks every QMSum summary's layout and that its
// meetings are detected as English.
func TestQMSumGeneral(t *testing.T) {
	t.Parallel()
	for _, m := range transcripttest.QMSumOrSkip(t) {
		d, err := transcript.Parse(m.Name, m.Data)
		if err != nil {
			t.Fatal(err)
		}
		if lang := Language(d.Items); lang != "en" {
			t.Errorf("%s: language %q", m.Name, lang)
		}
		meta := Meta{ShareURL: "https://f.example/share/x", Language: "en"}
		s := General(d.Items, ActionItems(d.Items, nil, meta), meta)
		checkLayout(t, s.Markdown)
		if n := strings.Count(s.Markdown, "\n### "); n < 2 {
			t.Errorf("%s: %d topics", m.Name, n)
		}
	}
}

// BenchmarkGeneral is the processing job's cost on the largest QMSum
// meeting: language, action items and the General summary.
func BenchmarkGeneral(b *testing.B) {
	var largest transcripttest.Meeting
	for _, m := range transcripttest.QMSumOrSkip(b) {
		if len(m.Data) > len(largest.Data) {
			largest = m
		}
	}
	d, err := transcript.Parse(largest.Name, largest.Data)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		meta := Meta{ShareURL: "https://f.example/share/x", Language: Language(d.Items)}
		General(d.Items, ActionItems(d.Items, nil, meta), meta)
	}
}
