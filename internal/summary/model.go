package summary

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// Chat is a chat model: it answers a system and a user message. The
// caller provides it (provider.ChatClient); this package never reaches the
// network itself.
type Chat interface {
	Complete(ctx context.Context, system, user string) (string, error)
}

// The prompts, kept beside the code so that a change to them is reviewed
// like one.
var (
	//go:embed prompts/summarise.md
	summarisePrompt string
	//go:embed prompts/merge.md
	mergePrompt string
)

// DefaultChunkChars is how much transcript one request carries at most
// when Model.ChunkChars is zero: about 4,000 tokens, which fits the
// smallest context windows local models are run with, prompt and answer
// included.
const DefaultChunkChars = 16000

// Model writes the General summary with a chat model, in the same layout
// as General: the model writes the purpose, takeaways and topics; Next
// Steps lists the action items it is given, as General does.
type Model struct {
	Chat Chat
	// ChunkChars is how many transcript characters one request carries at
	// most (default DefaultChunkChars). A longer transcript is summarised
	// in parts whose partial summaries are then merged.
	ChunkChars int
}

// ErrMalformed is a model answer that is not in the layout asked for.
var ErrMalformed = errors.New("the model's summary is not in the layout asked for")

// General makes the General summary with the model. Any error (the model
// unreachable, slow or answering out of layout) leaves the choice to the
// caller, who falls back on the extractive General.
func (m Model) General(ctx context.Context, items []fathom.TranscriptItem, actions []fathom.ActionItem, meta Meta) (fathom.Summary, error) {
	if m.Chat == nil {
		return fathom.Summary{}, errors.New("no chat model")
	}
	limit := m.ChunkChars
	if limit <= 0 {
		limit = DefaultChunkChars
	}
	head := "Meeting title: " + meta.Title + "\n\n"
	parts := chunks(transcriptLines(items), limit)
	if len(parts) == 0 {
		return fathom.Summary{}, errors.New("the transcript is empty")
	}
	answers := make([]string, len(parts))
	for i, p := range parts {
		a, err := m.Chat.Complete(ctx, summarisePrompt, head+fmt.Sprintf("Transcript, part %d of %d:\n\n", i+1, len(parts))+p)
		if err != nil {
			return fathom.Summary{}, fmt.Errorf("summarise part %d of %d: %w", i+1, len(parts), err)
		}
		if _, err := parseModelSummary(a); err != nil {
			return fathom.Summary{}, fmt.Errorf("summarise part %d of %d: %w", i+1, len(parts), err)
		}
		answers[i] = a
	}
	// Merge partial summaries, as many as fit in one request at a time,
	// until one is left.
	for len(answers) > 1 {
		var next []string
		for _, group := range groups(answers, limit) {
			var b strings.Builder
			b.WriteString(head)
			for i, a := range group {
				fmt.Fprintf(&b, "Partial summary %d of %d:\n\n%s\n\n", i+1, len(group), strings.TrimSpace(a))
			}
			a, err := m.Chat.Complete(ctx, mergePrompt, b.String())
			if err != nil {
				return fathom.Summary{}, fmt.Errorf("merge %d partial summaries: %w", len(group), err)
			}
			next = append(next, a)
		}
		answers = next
	}
	d, err := parseModelSummary(answers[0])
	if err != nil {
		return fathom.Summary{}, err
	}
	d.share = meta.ShareURL
	d.steps = nextSteps(actions)
	return fathom.Summary{TemplateName: TemplateGeneral, Markdown: d.markdown()}, nil
}

// transcriptLines renders items as the prompts describe them:
// "[SECONDS] Speaker: words".
func transcriptLines(items []fathom.TranscriptItem) []string {
	var out []string
	for _, it := range items {
		text := strings.Join(strings.Fields(it.Text), " ")
		if text == "" {
			continue
		}
		out = append(out, fmt.Sprintf("[%d] %s: %s", int64(max(it.At, 0)/time.Second), it.Speaker, text))
	}
	return out
}

// chunks joins lines into parts of at most limit characters each (a
// single longer line is a part of its own).
func chunks(lines []string, limit int) []string {
	var out []string
	var b strings.Builder
	for _, l := range lines {
		if b.Len() > 0 && b.Len()+len(l)+1 > limit {
			out = append(out, b.String())
			b.Reset()
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// groups splits partial summaries into groups that fit in limit
// characters, each of at least two, so that every round of merging
// shortens the list.
func groups(answers []string, limit int) [][]string {
	var out [][]string
	var cur []string
	size := 0
	for _, a := range answers {
		if len(cur) >= 2 && size+len(a) > limit {
			out = append(out, cur)
			cur, size = nil, 0
		}
		cur = append(cur, a)
		size += len(a)
	}
	if len(cur) == 1 && len(out) > 0 {
		out[len(out)-1] = append(out[len(out)-1], cur[0])
	} else if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// stamp is a sentence's trailing "[t=SECONDS]".
var stamp = regexp.MustCompile(`\s*\[\s*t\s*=\s*(\d+)(?:\.\d+)?\s*\]\s*$`)

// parseModelSummary reads a model's answer in the prompts' layout: the
// purpose, at least one takeaway and at least one topic with a bullet.
// Markdown emphasis and fences around the answer are tolerated; anything
// else out of layout is ErrMalformed.
func parseModelSummary(answer string) (doc, error) {
	var d doc
	sectionAt := ""
	for _, raw := range strings.Split(answer, "\n") {
		l := strings.TrimSpace(raw)
		switch {
		case l == "" || strings.HasPrefix(l, "```"):
			continue
		case strings.HasPrefix(l, "### "):
			if sectionAt != "topics" {
				return doc{}, fmt.Errorf("%w: a topic title outside Topics", ErrMalformed)
			}
			title := plain(strings.TrimPrefix(l, "### "))
			if title == "" {
				return doc{}, fmt.Errorf("%w: an empty topic title", ErrMalformed)
			}
			d.topics = append(d.topics, section{title: title})
			continue
		case strings.HasPrefix(l, "## "):
			switch strings.ToLower(plain(strings.TrimPrefix(l, "## "))) {
			case "meeting purpose":
				sectionAt = "purpose"
			case "key takeaways":
				sectionAt = "takeaways"
			case "topics":
				sectionAt = "topics"
			default:
				return doc{}, fmt.Errorf("%w: unknown section %q", ErrMalformed, l)
			}
			continue
		}
		bullet := strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ")
		if bullet {
			l = strings.TrimSpace(l[2:])
		}
		ln := line{text: l}
		if m := stamp.FindStringSubmatch(l); m != nil {
			s, _ := strconv.ParseInt(m[1], 10, 64)
			ln = line{text: l[:len(l)-len(m[0])], at: time.Duration(s) * time.Second}
		}
		ln.text = plain(ln.text)
		if ln.text == "" {
			continue
		}
		switch {
		case sectionAt == "purpose" && d.purpose.text == "":
			d.purpose = ln
		case sectionAt == "takeaways" && bullet:
			d.takeaways = append(d.takeaways, ln)
		case sectionAt == "topics" && bullet && len(d.topics) > 0:
			t := &d.topics[len(d.topics)-1]
			t.lines = append(t.lines, ln)
		default:
			return doc{}, fmt.Errorf("%w: unexpected line %q", ErrMalformed, snip(l))
		}
	}
	if d.purpose.text == "" || len(d.takeaways) == 0 || len(d.topics) == 0 {
		return doc{}, fmt.Errorf("%w: it lacks the purpose, the takeaways or the topics", ErrMalformed)
	}
	for _, t := range d.topics {
		if len(t.lines) == 0 {
			return doc{}, fmt.Errorf("%w: topic %q has no bullet", ErrMalformed, t.title)
		}
	}
	return d, nil
}

// plain drops the Markdown emphasis a model adds on its own.
func plain(s string) string {
	return strings.TrimSpace(strings.NewReplacer("**", "", "__", "").Replace(s))
}

// snip shortens a line quoted in an error.
func snip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
