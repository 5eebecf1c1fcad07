package postgres

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/store"
)

// Full-text search over meetings uses meeting_search: one row per
// utterance, summary line and action item, with a generated tsvector
// (document) whose words carry their tenant, so that the GIN index on it
// answers a search from its tenant's postings only (see migration 00003).

// A meeting's rows have the rowids meetingID<<searchShift + i, as in
// SQLite, whose FTS5 table orders hits that rank alike by rowid.
const (
	searchShift   = 24
	maxSearchRows = 1 << searchShift
)

// indexMeeting replaces the meeting's rows in meeting_search.
func (t *tx) indexMeeting(ctx context.Context, p *store.MeetingProcessedParams) error {
	rows := make([][]any, 0, len(p.Transcript)+len(p.ActionItems)+16)
	add := func(text, speaker, kind string, at time.Duration) {
		rowid := p.MeetingID<<searchShift + int64(len(rows))
		rows = append(rows, []any{text, speaker, kind, at.Milliseconds(), p.MeetingID, p.TenantID, rowid})
	}
	for _, it := range p.Transcript {
		add(it.Text, it.Speaker, store.HitTranscript, it.At)
	}
	for _, line := range summaryLines(p.Summary.Markdown) {
		add(line, "", store.HitSummary, 0)
	}
	for _, a := range p.ActionItems {
		add(a.Description, "", store.HitActionItem, a.At)
	}
	if len(rows) > maxSearchRows {
		return fmt.Errorf("index meeting %d: %d rows is more than %d", p.MeetingID, len(rows), maxSearchRows)
	}
	if _, err := t.q.Exec(ctx, `DELETE FROM meeting_search WHERE meeting_id = $1`, p.MeetingID); err != nil {
		return fmt.Errorf("unindex meeting %d: %w", p.MeetingID, err)
	}
	if len(rows) == 0 {
		return nil
	}
	_, err := t.q.CopyFrom(ctx, pgx.Identifier{"meeting_search"},
		[]string{"text", "speaker", "kind", "at_ms", "meeting_id", "tenant_id", "rowid"}, pgx.CopyFromRows(rows))
	if err != nil {
		return fmt.Errorf("index meeting %d: %w", p.MeetingID, err)
	}
	return nil
}

var markdownLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)

// summaryLines returns the non-empty lines of a summary with markdown links
// replaced by their text: what a reader sees, not the URLs.
func summaryLines(markdown string) []string {
	var out []string
	for line := range strings.Lines(markdown) {
		line = strings.TrimSpace(markdownLink.ReplaceAllString(line, "$1"))
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// snippetWords is how many words a snippet shows around the match, as
// SQLite's snippet(..., 12) does.
const snippetWords = 12

// meetingSearchQuery ranks the visible matching rows, then marks the
// matches of the few it returns only (ts_headline reads the whole text
// again, so it runs after the limit): in a window of the text, and in the
// whole text, which a short text shows. The rows match the tenant's words
// (meeting_search_query); the headlines, on the plain text, mark the plain
// words. ts_rank's normalization 1 divides by the log of the row's length,
// as BM25 favours the shorter of two rows with the same matches. The
// tsqueries are scalar subqueries, made once per search (init plans):
// written as plain calls, a cached generic plan makes them again for every
// matching row, seconds for a word said in 100k rows.
const meetingSearchQuery = `SELECT s.meeting_id, s.kind, s.speaker, s.at_ms, s.text,
	ts_headline('fathom_search', s.text, (SELECT to_tsquery('fathom_search', $1)),
		'StartSel=«, StopSel=», MaxFragments=1, ShortWord=0, MaxWords=%d, MinWords=%d'),
	ts_headline('fathom_search', s.text, (SELECT to_tsquery('fathom_search', $1)), 'StartSel=«, StopSel=», HighlightAll=true'),
	s.rank
FROM (
	SELECT s.rowid, s.meeting_id, s.kind, s.speaker, s.at_ms, s.text, ts_rank(s.document, (SELECT meeting_search_query($2, $1)), 1) AS rank
	FROM meeting_search s JOIN meetings m ON m.id = s.meeting_id
	WHERE s.document @@ (SELECT meeting_search_query($2, $1)) AND s.tenant_id = $2 AND m.tenant_id = $2 AND %s
	ORDER BY rank DESC, s.rowid
	LIMIT $3
) s
ORDER BY s.rank DESC, s.rowid`

func (q queries) MeetingSearch(ctx context.Context, p *store.MeetingSearchParams) ([]*store.SearchHit, error) {
	query, args := meetingSearchSQL(p)
	if query == "" {
		return nil, nil
	}
	rows, err := q.q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search meetings: %w", err)
	}
	defer rows.Close()
	var out []*store.SearchHit
	for rows.Next() {
		var h store.SearchHit
		var atMS int64
		var text, window, whole string
		var rank float32
		if err := rows.Scan(&h.MeetingID, &h.Kind, &h.Speaker, &atMS, &text, &window, &whole, &rank); err != nil {
			return nil, fmt.Errorf("search meetings: %w", err)
		}
		h.At, h.Score, h.Snippet = time.Duration(atMS)*time.Millisecond, float64(rank), snippet(text, window, whole)
		out = append(out, &h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search meetings: %w", err)
	}
	return out, nil
}

// meetingSearchSQL returns the query of a search, "" when p.Query has
// nothing to search for.
func meetingSearchSQL(p *store.MeetingSearchParams) (string, []any) {
	match := tsQuery(p.Query)
	if match == "" {
		return "", nil
	}
	args := argList{match, p.Viewer.TenantID, limitOrAll(p.Limit)}
	visible := visibleTo(p.Viewer, &args)
	return fmt.Sprintf(meetingSearchQuery, snippetWords, snippetWords-1, visible), args
}

// limitOrAll maps a limit of 0 or less to no limit (LIMIT NULL).
func limitOrAll(limit int) *int {
	if limit <= 0 {
		return nil
	}
	return &limit
}

// snippet is what a hit shows, as SQLite's snippet() would: the whole text
// when it has at most snippetWords words, else the window with ellipses
// where the text goes on; a phrase matched across punctuation ("don't",
// "mm-hmm") marked as one.
func snippet(text, window, whole string) string {
	s := whole
	if words := len(strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) })); words > snippetWords {
		s = withEllipses(window, text)
	}
	return markGap.ReplaceAllString(s, "$1")
}

// markGap is the end of one mark and the start of the next with only
// punctuation between them.
var markGap = regexp.MustCompile(`»([^\s\p{L}\p{N}«»]+)«`)

// withEllipses marks with … where a snippet cuts text short, as SQLite's
// snippet() does; ts_headline does not. Punctuation that only closes or
// opens the text is shown rather than replaced by an ellipsis.
func withEllipses(snippet, text string) string {
	plain := strings.NewReplacer("«", "", "»", "").Replace(snippet)
	i := strings.Index(text, plain)
	if i < 0 || plain == "" {
		return snippet
	}
	before, after := text[:i], text[i+len(plain):]
	if hasWord(before) {
		snippet = "…" + snippet
	} else {
		snippet = strings.TrimLeftFunc(before, unicode.IsSpace) + snippet
	}
	if hasWord(after) {
		snippet += "…"
	} else {
		snippet += strings.TrimRightFunc(after, unicode.IsSpace)
	}
	return snippet
}

func hasWord(s string) bool { return strings.ContainsFunc(s, isWordRune) }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tsQuery turns a user's words into a tsquery that cannot be read as
// operators: a word's letter and digit runs, each quoted, make a phrase
// (<->), as a quoted FTS5 string does; every word must match (&); a
// trailing * makes its last run a prefix (:*). The runs are split where
// the indexed text is (migration 00003: at anything not a letter or digit),
// so "text:budget" is the phrase "text budget", never a column filter.
// Words without a letter or digit are dropped; "" means nothing is left to
// search for.
func tsQuery(query string) string {
	var b strings.Builder
	for _, word := range strings.Fields(query) {
		prefix := strings.HasSuffix(word, "*")
		runs := strings.FieldsFunc(word, func(r rune) bool { return !isWordRune(r) })
		if len(runs) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(" & ")
		}
		if len(runs) > 1 {
			b.WriteByte('(')
		}
		for i, run := range runs {
			if i > 0 {
				b.WriteString(" <-> ")
			}
			b.WriteString("'" + run + "'")
			if prefix && i == len(runs)-1 {
				b.WriteString(":*")
			}
		}
		if len(runs) > 1 {
			b.WriteByte(')')
		}
	}
	return b.String()
}
