package summary

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// fakeChat answers every request with answer(system, user) and records
// the requests.
type fakeChat struct {
	answer func(system, user string) (string, error)
	calls  []string // "summarise" or "merge"
}

func (f *fakeChat) Complete(_ context.Context, system, user string) (string, error) {
	kind := "summarise"
	if system == mergePrompt {
		kind = "merge"
	}
	f.calls = append(f.calls, kind)
	return f.answer(system, user)
}

const goodAnswer = `## Meeting Purpose

**Plan** the Acme rollout. [t=3]

## Key Takeaways

- SSO goes live on Thursday. [t=12]
- Pricing stays as quoted. [t=40.0]

## Topics

### SSO configuration
- Raj finishes the SSO setup for Acme. [t=12]

### Pricing
* The renewal price is unchanged. [t=40]
`

func testItems(n int) []fathom.TranscriptItem {
	var items []fathom.TranscriptItem
	for i := range n {
		items = append(items, fathom.TranscriptItem{Speaker: "Dana", Text: fmt.Sprintf("Line %d about the SSO rollout for Acme and its renewal pricing.", i),
			At: time.Duration(i*5) * time.Second})
	}
	return items
}

func TestModelGeneralLayout(t *testing.T) {
	f := &fakeChat{answer: func(_, user string) (string, error) {
		if !strings.Contains(user, "[5] Dana: Line 1 about") || !strings.Contains(user, "Meeting title: Acme sync") {
			t.Errorf("transcript not in the prompt's layout: %q", user[:min(200, len(user))])
		}
		return goodAnswer, nil
	}}
	actions := []fathom.ActionItem{{Description: "Finish the SSO configuration", AssigneeName: "Raj", At: 12 * time.Second}}
	s, err := Model{Chat: f}.General(context.Background(), testItems(4), actions, Meta{Title: "Acme sync", ShareURL: "https://x/share/1"})
	if err != nil {
		t.Fatal(err)
	}
	want := "## Meeting Purpose\n\n[Plan the Acme rollout.](https://x/share/1?tab=summary&timestamp=3.0)\n\n" +
		"## Key Takeaways\n\n  - [SSO goes live on Thursday.](https://x/share/1?tab=summary&timestamp=12.0)\n" +
		"  - [Pricing stays as quoted.](https://x/share/1?tab=summary&timestamp=40.0)\n\n" +
		"## Topics\n\n### SSO configuration\n\n  - [Raj finishes the SSO setup for Acme.](https://x/share/1?tab=summary&timestamp=12.0)\n\n" +
		"### Pricing\n\n  - [The renewal price is unchanged.](https://x/share/1?tab=summary&timestamp=40.0)\n\n" +
		"## Next Steps\n\n  - [**Raj:**](https://x/share/1?tab=summary&timestamp=12.0)\n" +
		"      - [Finish the SSO configuration.](https://x/share/1?tab=summary&timestamp=12.0)\n"
	if s.Markdown != want || s.TemplateName != TemplateGeneral {
		t.Errorf("markdown\n%s\nwant\n%s", s.Markdown, want)
	}
	if len(f.calls) != 1 {
		t.Errorf("calls %v, want one summarise", f.calls)
	}
}

// A transcript longer than ChunkChars is summarised in parts whose partial
// summaries are merged, in rounds when they do not fit in one request.
func TestModelGeneralChunks(t *testing.T) {
	items := testItems(40) // about 75 characters a line
	for _, tc := range []struct {
		chunk         int
		parts, merges int
	}{
		{100000, 1, 0},
		{2000, 2, 1}, // two parts whose answers fit in one merge
		{400, 8, 7},  // two answers per merge request: 4 + 2 + 1 merges
	} {
		f := &fakeChat{answer: func(string, string) (string, error) { return goodAnswer, nil }}
		if _, err := (Model{Chat: f, ChunkChars: tc.chunk}).General(context.Background(), items, nil, Meta{}); err != nil {
			t.Fatal(err)
		}
		var parts, merges int
		for _, c := range f.calls {
			if c == "merge" {
				merges++
			} else {
				parts++
			}
		}
		if parts != tc.parts || merges != tc.merges || f.calls[len(f.calls)-1] != map[bool]string{true: "merge", false: "summarise"}[tc.merges > 0] {
			t.Errorf("ChunkChars %d: calls %v, want %d parts and %d merges", tc.chunk, f.calls, tc.parts, tc.merges)
		}
	}
}

func TestModelGeneralFailures(t *testing.T) {
	down := errors.New("connection refused")
	for _, tc := range []struct {
		name   string
		answer string
		err    error
	}{
		{"unreachable", "", down},
		{"prose", "Here is a summary: the meeting was about SSO.", nil},
		{"no topics", "## Meeting Purpose\nPlan. [t=1]\n## Key Takeaways\n- One. [t=2]\n", nil},
		{"empty topic", "## Meeting Purpose\nPlan. [t=1]\n## Key Takeaways\n- One. [t=2]\n## Topics\n### A\n", nil},
		{"unknown section", "## Meeting Purpose\nPlan.\n## Key Takeaways\n- One.\n## Topics\n### A\n- b\n## Summary\nc\n", nil},
	} {
		f := &fakeChat{answer: func(string, string) (string, error) { return tc.answer, tc.err }}
		_, err := Model{Chat: f}.General(context.Background(), testItems(3), nil, Meta{})
		if err == nil {
			t.Errorf("%s: no error", tc.name)
		} else if tc.err != nil && !errors.Is(err, tc.err) || tc.err == nil && !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err %v", tc.name, err)
		}
	}
}
