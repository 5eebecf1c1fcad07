package store

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// SummaryLine is a summary line as search indexes it: the text a reader
// sees (links replaced by their text) and the moment the line links to.
type SummaryLine struct {
	Text string
	// At is the time in the recording of the line's first link with a
	// timestamp (?timestamp=65.0 is 65s); 0 when it links to none.
	At time.Duration
}

var markdownLink = regexp.MustCompile(`!?\[([^\]]*)\]\(([^)]*)\)`)

// SummaryLines returns the non-empty lines of a summary's Markdown, with
// the moment each links to. A search hit on a summary line carries that
// moment, or no time at all: a summary line was said at no moment of its
// own, and 0 would send the reader to the start of the recording.
func SummaryLines(markdown string) []SummaryLine {
	var out []SummaryLine
	for line := range strings.Lines(markdown) {
		var at time.Duration
		for _, m := range markdownLink.FindAllStringSubmatch(line, -1) {
			if at = linkedTime(m[2]); at > 0 {
				break
			}
		}
		text := strings.TrimSpace(markdownLink.ReplaceAllString(line, "$1"))
		if text != "" {
			out = append(out, SummaryLine{Text: text, At: at})
		}
	}
	return out
}

// linkedTime is a link's timestamp query parameter, in seconds (whole or
// not), or 0.
func linkedTime(link string) time.Duration {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return 0
	}
	s, err := strconv.ParseFloat(u.Query().Get("timestamp"), 64)
	if err != nil || s <= 0 || s > 1e7 {
		return 0
	}
	return time.Duration(s * float64(time.Second)).Round(time.Millisecond)
}
