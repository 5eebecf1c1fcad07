package store

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/fathom-oss/fathom/internal/fathom"
)

// Meeting search indexes a transcript in windows of consecutive items, so
// that words and phrases said across turns ("… about the renewal." /
// "Pricing stays flat.") are found together. A window holds
// SearchWindowSize items and windows start every SearchWindowStride items:
// every two consecutive items share a window, and an item is in at most
// two. A window row's text holds its items' texts one per line (a newline
// inside an item becomes a space), its items column their speakers and
// offsets as JSON (SearchWindow.ItemsJSON). Summary lines and action items
// are indexed one per row.
//
// Both engines give a meeting's rows the rowids meetingID<<SearchRowShift
// + i: i is a window's first item, and len(transcript) + j for the j-th
// summary line or action item (summary lines first). Replacing a
// meeting's rows is then a rowid range delete, and a window's rowid says
// where it starts. The engines rank and highlight; SearchResults, the same
// for both, makes hits of what they matched.
const (
	SearchWindowSize   = 3
	SearchWindowStride = 2
	SearchRowShift     = 24
	MaxSearchRows      = 1 << SearchRowShift
)

// SearchCandidates is how many rows an engine ranks for a search of limit
// hits: SearchResults drops a window whose matches a neighbouring window
// holds too, and each hit it keeps drops at most its two neighbours.
func SearchCandidates(limit int) int {
	if limit <= 0 {
		return 0
	}
	return 3 * limit
}

// SearchWindow is a run of consecutive transcript items indexed together.
type SearchWindow struct {
	First int // index of the first item in the transcript
	Items []fathom.TranscriptItem
}

// SearchWindows cuts a transcript into its search windows.
func SearchWindows(items []fathom.TranscriptItem) []SearchWindow {
	var out []SearchWindow
	for first := 0; first < len(items); first += SearchWindowStride {
		if first > 0 && first+1 >= len(items) {
			break // the last item ends the previous window
		}
		out = append(out, SearchWindow{First: first, Items: items[first:min(first+SearchWindowSize, len(items))]})
	}
	return out
}

var lineBreak = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// Text is the window's text as indexed: one line per item.
func (w SearchWindow) Text() string {
	lines := make([]string, len(w.Items))
	for i, it := range w.Items {
		lines[i] = lineBreak.Replace(it.Text)
	}
	return strings.Join(lines, "\n")
}

// windowItem is a window item's speaker and offset as indexed.
type windowItem struct {
	Speaker string `json:"s"`
	AtMS    int64  `json:"a"`
}

// ItemsJSON is the window's items column: its items' speakers and offsets.
func (w SearchWindow) ItemsJSON() string {
	out := make([]windowItem, len(w.Items))
	for i, it := range w.Items {
		out[i] = windowItem{Speaker: it.Speaker, AtMS: it.At.Milliseconds()}
	}
	b, _ := json.Marshal(out) // strings and integers only
	return string(b)
}

// SearchCandidate is a row an engine matched, best first: what
// SearchResults needs of it.
type SearchCandidate struct {
	RowID     int64
	MeetingID int64
	Kind      string
	Speaker   string
	At        time.Duration
	Items     string // a window's items column
	// Highlight is the row's whole text with every match between « and ».
	Highlight string
	Score     float64
	// ItemMatched, when set, says which items of a window hold a whole
	// term, for an engine whose marks may show part of a phrase alone:
	// an item is then a match if it holds a whole term, or, when none
	// does (a phrase said across items), if it shows a mark.
	ItemMatched []bool
}

// SearchResults makes up to limit hits (0: all) of an engine's candidates,
// in their order. A transcript hit is its window, with the speaker and
// offset of its first matching item. So that one moment is one hit, a
// window is dropped when a neighbouring window of the same meeting matched
// the same items and more (or the same, and starts earlier); and an item
// both a window and the window before it matched is that earlier window's
// match only. Both rules read the windows, never their ranks, so that
// engines that rank alike hits differently return the same moments.
func SearchResults(cands []SearchCandidate, limit int) ([]*SearchHit, error) {
	wins := make([]*windowMatch, len(cands))
	for i, c := range cands {
		if c.Kind != HitTranscript {
			continue
		}
		var err error
		if wins[i], err = readWindow(c); err != nil {
			return nil, err
		}
	}
	keep := make([]bool, len(cands))
	for i := range cands {
		keep[i] = wins[i] == nil || !covered(cands, wins, i)
	}
	for i, w := range wins {
		if w != nil && keep[i] {
			if prev := previousWindow(cands, wins, keep, i); prev != nil {
				w.matched = slices.DeleteFunc(w.matched, func(k int) bool { return slices.Contains(prev.matched, k) })
			}
		}
	}
	out := make([]*SearchHit, 0, len(cands))
	for i, c := range cands {
		if !keep[i] || len(out) == limit && limit > 0 {
			continue
		}
		h := &SearchHit{MeetingID: c.MeetingID, Kind: c.Kind, Speaker: c.Speaker, At: c.At, Score: c.Score}
		if w := wins[i]; w != nil {
			w.fill(h)
		} else {
			h.Snippet = Snippet(c.Highlight)
		}
		out = append(out, h)
	}
	return out, nil
}

// windowMatch is what a candidate window matched.
type windowMatch struct {
	first   int // transcript index of its first item
	items   []WindowItem
	lines   []string // each item's text, highlighted
	matched []int    // transcript indexes of the items that match
	guessed bool     // the engine marked none: matched holds every item
}

// covered reports whether another window of the same meeting matched
// every item that window i matched.
func covered(cands []SearchCandidate, wins []*windowMatch, i int) bool {
	for j, w := range wins {
		if j == i || w == nil || cands[j].MeetingID != cands[i].MeetingID {
			continue
		}
		all := !slices.ContainsFunc(wins[i].matched, func(k int) bool { return !slices.Contains(w.matched, k) })
		if all && (len(w.matched) > len(wins[i].matched) || w.first < wins[i].first) {
			return true
		}
	}
	return false
}

// previousWindow is the kept window of the same meeting that starts where
// window i's first item is, if any: the one it shares an item with.
func previousWindow(cands []SearchCandidate, wins []*windowMatch, keep []bool, i int) *windowMatch {
	for j, w := range wins {
		if w != nil && keep[j] && cands[j].MeetingID == cands[i].MeetingID && w.first+len(w.items)-1 == wins[i].first && j != i {
			return w
		}
	}
	return nil
}

// readWindow reads a candidate window: its items, each item's highlighted
// text, and the transcript indexes of the items that matched (all of them
// when the engine marked none, as it may for a word it reads differently).
func readWindow(c SearchCandidate) (*windowMatch, error) {
	var items []windowItem
	if err := json.Unmarshal([]byte(c.Items), &items); err != nil {
		return nil, fmt.Errorf("search window %d: %w", c.RowID, err)
	}
	lines := strings.Split(c.Highlight, "\n")
	if len(lines) != len(items) {
		return nil, fmt.Errorf("search window %d: %d lines for %d items", c.RowID, len(lines), len(items))
	}
	w := &windowMatch{first: int(c.RowID - c.MeetingID<<SearchRowShift), lines: lines}
	open := false
	for i, line := range lines {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if open {
			line = "«" + line
		}
		if open = strings.LastIndex(line, "«") > strings.LastIndex(line, "»"); open {
			line = markEnd.ReplaceAllString(line, "»$1") // a phrase goes on in the next item
		}
		lines[i] = line
		marked := strings.Contains(line, "«")
		if c.ItemMatched != nil && slices.Contains(c.ItemMatched, true) {
			marked = i < len(c.ItemMatched) && c.ItemMatched[i]
		}
		if marked {
			w.matched = append(w.matched, w.first+i)
		}
		w.items = append(w.items, WindowItem{Speaker: items[i].Speaker, At: time.Duration(items[i].AtMS) * time.Millisecond,
			Text: unmark.Replace(line)})
	}
	if len(w.matched) == 0 {
		w.guessed = true
		for i := range lines {
			w.matched = append(w.matched, w.first+i)
		}
	}
	return w, nil
}

// fill makes h the hit of the window: its items, flagged where they match,
// and the speaker, offset and snippet of its first to last match.
func (w *windowMatch) fill(h *SearchHit) {
	h.Window = slices.Clone(w.items)
	from, to := w.matched[0]-w.first, w.matched[len(w.matched)-1]-w.first
	for _, k := range w.matched {
		h.Window[k-w.first].Matched = !w.guessed
	}
	h.Speaker, h.At = h.Window[from].Speaker, h.Window[from].At
	h.Snippet = Snippet(strings.Join(w.lines[from:to+1], " "))
}

// markEnd is the end of an item whose mark is still open: the mark is
// closed before the item's closing punctuation.
var markEnd = regexp.MustCompile(`([^\s\p{L}\p{N}«»]*)$`)

var unmark = strings.NewReplacer("«", "", "»", "")

// snippetWords is how many words a snippet shows of a longer text.
const snippetWords = 12

// Snippet is what a hit shows of a highlighted text: all of it when it has
// at most snippetWords words, else the snippetWords words with the most
// matches (the first match a few words in), with … where the text goes on.
func Snippet(highlighted string) string {
	words := strings.Fields(highlighted)
	if len(words) <= snippetWords {
		return strings.TrimSpace(highlighted)
	}
	// inside[i]: word i starts inside a mark; marked[i]: it shows one.
	inside, marked := make([]bool, len(words)+1), make([]bool, len(words))
	for i, w := range words {
		marked[i] = inside[i] || strings.ContainsAny(w, "«»")
		inside[i+1] = strings.LastIndex(w, "«") > strings.LastIndex(w, "»") || inside[i] && !strings.Contains(w, "»")
	}
	best, bestCount, bestLead := 0, -1, 0
	for start := 0; start+snippetWords <= len(words); start++ {
		count, lead := 0, -1
		for i := start; i < start+snippetWords; i++ {
			if marked[i] {
				count++
				if lead < 0 {
					lead = i - start
				}
			}
		}
		off := abs(lead - 3)
		if count > bestCount || count == bestCount && off < bestLead {
			best, bestCount, bestLead = start, count, off
		}
	}
	end := best + snippetWords
	s := strings.Join(words[best:end], " ")
	if inside[best] {
		s = "«" + s
	}
	if inside[end] {
		s += "»"
	}
	if best > 0 {
		s = "…" + s
	}
	if end < len(words) {
		s += "…"
	}
	return s
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
