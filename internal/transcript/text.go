package transcript

import (
	"regexp"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// trailingClock matches an Otter-style header line, "Alice Smith  0:03".
var trailingClock = regexp.MustCompile(`^(.{1,60}?)\s+\(?(\d{1,3}:\d{2}(?::\d{2})?)\)?$`)

// textParser holds the state of a plain-text parse.
type textParser struct {
	name    string
	items   []fathom.TranscriptItem
	cur     int // index of the item continuation lines append to, or -1
	speaker string
	at      time.Duration
	timed   bool // whether any line had a timestamp
}

// parseText reads plain text: "Speaker: text" lines, optionally preceded by
// a timestamp ("[00:01:02] Alice: hi", "00:01:02 Alice: hi"), Fathom's
// export ("@0:07 - Alice (Acme)" then the utterance on the next lines), and
// Otter's ("Alice  0:03" then the utterance). Other lines continue the
// current utterance; a blank line ends it. Without any timestamp, offsets
// are estimated from the words spoken at WordsPerMinute.
func parseText(name, text string) (*Document, error) {
	lines := strings.Split(text, "\n")
	d := &Document{Format: FormatText}
	start := 0
	d.Title, start = fathomHeader(lines)
	p := &textParser{name: name, cur: -1}
	for i := start; i < len(lines); i++ {
		next := ""
		if i+1 < len(lines) {
			next = strings.TrimSpace(lines[i+1])
		}
		if err := p.line(i+1, strings.TrimSpace(lines[i]), next); err != nil {
			return nil, err
		}
	}
	d.Items = p.items
	if !p.timed {
		d.Duration = estimate(d.Items)
	} else if n := len(d.Items); n > 0 {
		d.Duration = d.Items[n-1].At + time.Duration(len(strings.Fields(d.Items[n-1].Text)))*wordTime
	}
	return d, nil
}

// fathomHeader recognises the two header lines of Fathom's text export
// ("<title> - <Month D>", "VIEW RECORDING - 122 mins ...") and returns the
// title and the index of the first line after them.
func fathomHeader(lines []string) (title string, start int) {
	for i := 0; i < len(lines) && i < 4; i++ {
		if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(lines[i])), "VIEW RECORDING") {
			t := strings.TrimSpace(lines[0])
			if j := strings.LastIndex(t, " - "); j > 0 {
				t = t[:j]
			}
			if i == 0 {
				t = ""
			}
			return clean(t), i + 1
		}
	}
	return "", 0
}

// line handles one trimmed line; next is the trimmed line after it.
func (p *textParser) line(n int, l, next string) error {
	if l == "" {
		p.cur = -1
		return nil
	}
	at, rest, timed, err := p.leadingClock(n, l)
	if err != nil {
		return err
	}
	if !timed {
		if m := trailingClock.FindStringSubmatch(l); m != nil && looksLikeName(stripCompany(m[1])) {
			if t, ok := parseClock(m[2]); ok {
				if err := p.advance(n, t); err != nil {
					return err
				}
				p.speaker, p.cur = stripCompany(m[1]), -1
				return nil
			}
		}
	} else if err := p.advance(n, at); err != nil {
		return err
	}
	if s, text, ok := splitSpeaker(rest); ok {
		p.speaker, p.cur = s, -1
		rest = text
	} else if timed && (strings.HasPrefix(l, "@") || (looksLikeName(stripCompany(rest)) && next != "" && !startsWithClock(next))) {
		// A header line: the speaker's utterance follows on the next lines.
		p.speaker, p.cur = stripCompany(rest), -1
		return nil
	} else if timed {
		p.cur = -1 // a new timestamp starts a new utterance
	}
	if !hasWord(rest) {
		return nil
	}
	if p.cur >= 0 {
		p.items[p.cur].Text += " " + rest
		return nil
	}
	p.items = append(p.items, fathom.TranscriptItem{Speaker: speakerOr(p.speaker), Text: rest, At: p.at})
	p.cur = len(p.items) - 1
	return nil
}

// leadingClock cuts a leading timestamp, "[00:01:02]", "(1:02)", "00:01:02",
// "@0:07", with an optional " - " or " | " after it.
func (p *textParser) leadingClock(n int, l string) (at time.Duration, rest string, ok bool, err error) {
	s := strings.TrimPrefix(l, "@")
	closer := ""
	switch {
	case strings.HasPrefix(s, "["):
		closer = "]"
	case strings.HasPrefix(s, "("):
		closer = ")"
	}
	var tok string
	if closer != "" {
		j := strings.Index(s, closer)
		if j < 0 || !looksLikeClock(s[1:j]) {
			return 0, l, false, nil
		}
		tok, s = strings.TrimSpace(s[1:j]), s[j+1:]
	} else {
		j := strings.IndexAny(s, " \t")
		if j < 0 {
			j = len(s)
		}
		if !looksLikeClock(s[:j]) {
			return 0, l, false, nil
		}
		tok, s = s[:j], s[j:]
	}
	at, ok = parseClock(tok)
	if !ok {
		return 0, "", false, invalid("%s line %d: bad timestamp %q", p.name, n, truncate(tok))
	}
	s = strings.TrimSpace(s)
	for _, sep := range [...]string{"- ", "– ", "— ", "| "} {
		if strings.HasPrefix(s, sep) {
			s = strings.TrimSpace(s[len(sep):])
			break
		}
	}
	return at, s, true, nil
}

// advance moves the clock to a timestamp read on line n.
func (p *textParser) advance(n int, at time.Duration) error {
	if at < p.at {
		return invalid("%s line %d: timestamp %s is before the previous one (%s)", p.name, n,
			FormatTimestamp(at), FormatTimestamp(p.at))
	}
	p.at, p.timed = at, true
	return nil
}

// startsWithClock reports whether a line opens with a timestamp.
func startsWithClock(l string) bool {
	l = strings.TrimLeft(l, "@[(")
	return looksLikeClock(l)
}
