package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/fathom-oss/fathom/internal/store"
)

// Full-text search over meetings uses the FTS5 table meeting_search: one
// row per utterance, summary line and action item. A meeting's rows have
// the rowids meetingID<<searchShift + i, so that replacing them is a rowid
// range delete; meeting_id is an UNINDEXED column, and deleting by it
// would scan the whole index.
const (
	searchShift   = 24
	maxSearchRows = 1 << searchShift
)

// searchRow is one row to index, encoded for json_each.
type searchRow struct {
	Text    string `json:"t"`
	Speaker string `json:"s"`
	Kind    string `json:"k"`
	AtMS    int64  `json:"a"`
}

// indexMeeting replaces the meeting's rows in meeting_search.
func (t *tx) indexMeeting(ctx context.Context, p *store.MeetingProcessedParams) error {
	rows := make([]searchRow, 0, len(p.Transcript)+len(p.ActionItems)+16)
	for _, it := range p.Transcript {
		rows = append(rows, searchRow{Text: it.Text, Speaker: it.Speaker, Kind: store.HitTranscript, AtMS: it.At.Milliseconds()})
	}
	for _, line := range summaryLines(p.Summary.Markdown) {
		rows = append(rows, searchRow{Text: line, Kind: store.HitSummary})
	}
	for _, a := range p.ActionItems {
		rows = append(rows, searchRow{Text: a.Description, Kind: store.HitActionItem, AtMS: a.At.Milliseconds()})
	}
	if len(rows) > maxSearchRows {
		return fmt.Errorf("index meeting %d: %d rows is more than %d", p.MeetingID, len(rows), maxSearchRows)
	}
	first := p.MeetingID << searchShift
	if _, err := t.db.ExecContext(ctx, `DELETE FROM meeting_search WHERE rowid BETWEEN ? AND ?`,
		first, first+maxSearchRows-1); err != nil {
		return fmt.Errorf("unindex meeting %d: %w", p.MeetingID, err)
	}
	if len(rows) == 0 {
		return nil
	}
	b, err := json.Marshal(rows)
	if err != nil {
		return err
	}
	_, err = t.db.ExecContext(ctx, `INSERT INTO meeting_search (rowid, text, speaker, kind, at_ms, meeting_id, tenant_id, tenant)
SELECT ? + key, value ->> 't', value ->> 's', value ->> 'k', value ->> 'a', ?, ?, ? FROM json_each(?)`,
		first, p.MeetingID, p.TenantID, tenantToken(p.TenantID), string(b))
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

// tenantToken is the value of a search row's tenant column: one token,
// the same for every row of the tenant, that a search requires.
func tenantToken(tenantID int64) string { return "t" + strconv.FormatInt(tenantID, 10) }

// searchRank is bm25 with the tenant column weighted 0: every row holds
// its tenant's token once, which must not move a score (the columns are
// text, speaker, kind, at_ms, meeting_id, tenant_id, tenant).
const searchRank = `bm25(meeting_search, 1, 0, 0, 0, 0, 0, 0)`

func (q queries) MeetingSearch(ctx context.Context, p *store.MeetingSearchParams) ([]*store.SearchHit, error) {
	words := ftsQuery(p.Query)
	if words == "" {
		return nil, nil
	}
	// The words are matched in the text alone, and only in rows with the
	// tenant's token: FTS5 steps through both posting lists together, so
	// a search reads its tenant's postings, not every tenant's.
	match := `tenant : "` + tenantToken(p.Viewer.TenantID) + `" AND text : (` + words + `)`
	visible, vargs := visibleTo(p.Viewer)
	args := append([]any{match, p.Viewer.TenantID}, vargs...)
	rows, err := q.db.QueryContext(ctx, `SELECT s.meeting_id, s.kind, s.speaker, s.at_ms,
snippet(meeting_search, 0, '«', '»', '…', 12), `+searchRank+`
FROM meeting_search s JOIN meetings m ON m.id = s.meeting_id
WHERE meeting_search MATCH ? AND m.tenant_id = ? AND `+visible+`
ORDER BY `+searchRank+` LIMIT ?`, append(args, sqlLimit(p.Limit))...)
	if err != nil {
		return nil, fmt.Errorf("search meetings: %w", err)
	}
	defer rows.Close()
	var out []*store.SearchHit
	for rows.Next() {
		var h store.SearchHit
		var atMS int64
		var bm25 float64
		if err := rows.Scan(&h.MeetingID, &h.Kind, &h.Speaker, &atMS, &h.Snippet, &bm25); err != nil {
			return nil, err
		}
		h.At, h.Score = time.Duration(atMS)*time.Millisecond, -bm25
		out = append(out, &h)
	}
	return out, rows.Err()
}

// ftsQuery turns a user's words into an FTS5 expression that cannot be
// read as operators or column filters: every word becomes a quoted string
// (all must match), a trailing * a prefix search. Words without a letter
// or digit are dropped, as the tokenizer would find nothing in them; ""
// means nothing is left to search for.
func ftsQuery(query string) string {
	var b strings.Builder
	for _, word := range strings.Fields(query) {
		prefix := strings.HasSuffix(word, "*")
		word = strings.TrimRight(word, "*")
		if !strings.ContainsFunc(word, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(word, `"`, `""`))
		b.WriteByte('"')
		if prefix {
			b.WriteByte('*')
		}
	}
	return b.String()
}
