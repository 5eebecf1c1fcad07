package transcript

import (
	"html"
	"regexp"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// voiceTag matches a WebVTT voice span's opening tag, "<v Alice>" or
// "<v.loud Alice>", capturing the speaker.
var voiceTag = regexp.MustCompile(`<v(?:\.[^\s>]*)?[ \t]+([^>]*)>`)

// anyTag matches any other cue tag: <b>, </c>, <c.yellow>, <00:00:01.000>.
var anyTag = regexp.MustCompile(`<[^>]*>`)

// parseCues reads WebVTT or SRT: blocks separated by blank lines, each an
// optional cue id, a timing line "start --> end [settings]" and text lines.
// WebVTT's header, NOTE, STYLE and REGION blocks are skipped.
func parseCues(name, format, text string) (*Document, error) {
	lines := strings.Split(text, "\n")
	d := &Document{Format: format}
	i := 0
	if strings.HasPrefix(lines[0], "WEBVTT") {
		if t := strings.TrimLeft(strings.TrimPrefix(lines[0], "WEBVTT"), " \t-"); t != "" {
			d.Title = clean(t)
		}
		for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
			i++
		}
	}
	var (
		prev    time.Duration // the previous cue's start
		speaker string        // the last speaker named, inherited by unlabelled cues
	)
	for i < len(lines) {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		end := i
		for end < len(lines) && strings.TrimSpace(lines[end]) != "" {
			end++
		}
		block := lines[i:end]
		first := strings.TrimSpace(block[0])
		timing := 0
		if !strings.Contains(first, "-->") {
			if isMetaBlock(first) {
				i = end
				continue
			}
			if len(block) < 2 || !strings.Contains(block[1], "-->") {
				return nil, invalid(`%s line %d: expected a cue timing line like "00:00:01.000 --> 00:00:04.000", got %q`,
					name, i+1, truncate(first))
			}
			timing = 1 // block[0] is the cue id
		}
		start, stop, err := parseTiming(name, i+timing+1, block[timing])
		if err != nil {
			return nil, err
		}
		if start < prev {
			return nil, invalid("%s line %d: cue starts at %s, before the previous cue (%s)",
				name, i+timing+1, FormatTimestamp(start), FormatTimestamp(prev))
		}
		prev = start
		d.Duration = max(d.Duration, stop)
		d.Items, speaker = appendCue(d.Items, block[timing+1:], start, speaker)
		i = end
	}
	return d, nil
}

// isMetaBlock reports whether a WebVTT block is a comment, style sheet or
// region definition rather than a cue.
func isMetaBlock(first string) bool {
	for _, kw := range [...]string{"NOTE", "STYLE", "REGION"} {
		if first == kw || strings.HasPrefix(first, kw+" ") || strings.HasPrefix(first, kw+"\t") {
			return true
		}
	}
	return false
}

// parseTiming reads "00:00:01.000 --> 00:00:04.000 align:start".
func parseTiming(name string, line int, s string) (start, end time.Duration, err error) {
	left, right, _ := strings.Cut(s, "-->")
	a := strings.TrimSpace(left)
	b := ""
	if f := strings.Fields(right); len(f) > 0 {
		b = f[0]
	}
	start, ok := parseClock(a)
	if !ok {
		return 0, 0, invalid("%s line %d: bad timestamp %q", name, line, truncate(a))
	}
	if end, ok = parseClock(b); !ok {
		return 0, 0, invalid("%s line %d: bad timestamp %q", name, line, truncate(b))
	}
	if end < start {
		return 0, 0, invalid("%s line %d: cue ends (%s) before it starts (%s)", name, line, b, a)
	}
	return start, end, nil
}

// appendCue adds a cue's text to items: one item per speaker change inside
// the cue, all at the cue's start. A line names its speaker with a voice tag
// or a "Name: " prefix; unlabelled text continues the last speaker unless
// it opens with a dialogue dash or ">>", which mark a change of speaker.
func appendCue(items []fathom.TranscriptItem, lines []string, at time.Duration, speaker string) ([]fathom.TranscriptItem, string) {
	cur := -1
	for _, l := range lines {
		named := ""
		if m := voiceTag.FindStringSubmatch(l); m != nil {
			named = clean(html.UnescapeString(anyTag.ReplaceAllString(m[1], "")))
		}
		t := clean(html.UnescapeString(anyTag.ReplaceAllString(l, "")))
		if rest, ok := cutDash(t); ok {
			t, speaker, cur = rest, "", -1
		}
		if named == "" {
			if s, rest, ok := splitSpeaker(t); ok {
				named, t = s, rest
			}
		}
		if named != "" && named != speaker {
			speaker, cur = named, -1
		}
		if !hasWord(t) {
			continue
		}
		if cur < 0 {
			items = append(items, fathom.TranscriptItem{Speaker: speakerOr(speaker), Text: t, At: at})
			cur = len(items) - 1
			continue
		}
		items[cur].Text += " " + t
	}
	return items, speaker
}

// cutDash strips a leading dialogue dash or ">>" speaker-change marker.
func cutDash(t string) (string, bool) {
	for _, p := range [...]string{">>", "- ", "– ", "— "} {
		if strings.HasPrefix(t, p) {
			return strings.TrimSpace(t[len(p):]), true
		}
	}
	return t, false
}

// truncate shortens s for an error message.
func truncate(s string) string {
	if len(s) <= 40 {
		return s
	}
	i := 40
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i] + "…"
}
