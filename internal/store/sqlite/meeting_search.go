package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Full-text search over meetings uses the FTS5 table meeting_search: one
// row per transcript window, summary line and action item, laid out as
// store.SearchWindows says. meeting_id is an UNINDEXED column, and
// deleting by it would scan the whole index; a rowid range delete does not.

// searchRow is one row to index, encoded for json_each.
type searchRow struct {
	Index   int64  `json:"i"` // rowid - meetingID<<store.SearchRowShift
	Text    string `json:"t"`
	Speaker string `json:"s"`
	Kind    string `json:"k"`
	AtMS    int64  `json:"a"`
	Items   string `json:"w"`
}

// indexMeeting replaces the meeting's rows in meeting_search.
func (t *tx) indexMeeting(ctx context.Context, p *store.MeetingProcessedParams) error {
	rows := make([]searchRow, 0, len(p.Transcript)/2+len(p.ActionItems)+16)
	for _, w := range store.SearchWindows(p.Transcript) {
		rows = append(rows, searchRow{Index: int64(w.First), Text: w.Text(), Speaker: w.Items[0].Speaker, Kind: store.HitTranscript,
			AtMS: w.Items[0].At.Milliseconds(), Items: w.ItemsJSON()})
	}
	next := int64(len(p.Transcript))
	add := func(text, kind string, at time.Duration) {
		rows = append(rows, searchRow{Index: next, Text: text, Kind: kind, AtMS: at.Milliseconds()})
		next++
	}
	for _, line := range store.SummaryLines(p.Summary.Markdown) {
		add(line.Text, store.HitSummary, line.At)
	}
	for _, a := range p.ActionItems {
		add(a.Description, store.HitActionItem, a.At)
	}
	if next > store.MaxSearchRows {
		return fmt.Errorf("index meeting %d: %d items is more than %d", p.MeetingID, next, store.MaxSearchRows)
	}
	first := p.MeetingID << store.SearchRowShift
	if _, err := t.db.ExecContext(ctx, `DELETE FROM meeting_search WHERE rowid BETWEEN ? AND ?`,
		first, first+store.MaxSearchRows-1); err != nil {
		return fmt.Errorf("unindex meeting %d: %w", p.MeetingID, err)
	}
	if len(rows) == 0 {
		return nil
	}
	b, err := json.Marshal(rows)
	if err != nil {
		return err
	}
	_, err = t.db.ExecContext(ctx, `INSERT INTO meeting_search (rowid, text, speaker, kind, at_ms, meeting_id, tenant_id, tenant, items)
SELECT ? + (value ->> 'i'), value ->> 't', value ->> 's', value ->> 'k', value ->> 'a', ?, ?, ?, value ->> 'w' FROM json_each(?)`,
		first, p.MeetingID, p.TenantID, tenantToken(p.TenantID), string(b))
	if err != nil {
		return fmt.Errorf("index meeting %d: %w", p.MeetingID, err)
	}
	return nil
}

// tenantToken is the value of a search row's tenant column: one token,
// the same for every row of the tenant, that a search requires.
func tenantToken(tenantID int64) string { return "t" + strconv.FormatInt(tenantID, 10) }

// searchRank is bm25 with the tenant column weighted 0: every row holds
// its tenant's token once, which must not move a score (the columns are
// text, speaker, kind, at_ms, meeting_id, tenant_id, tenant, items).
const searchRank = `bm25(meeting_search, 1, 0, 0, 0, 0, 0, 0, 0)`

func (q queries) MeetingSearch(ctx context.Context, p *store.MeetingSearchParams) ([]*store.SearchHit, error) {
	terms, _ := fathom.ParseSearchQuery(p.Query) // the service rejects what is not a search
	words := ftsQuery(terms)
	if words == "" {
		return nil, nil
	}
	// The words are matched in the text alone, and only in rows with the
	// tenant's token: FTS5 steps through both posting lists together, so
	// a search reads its tenant's postings, not every tenant's.
	match := `tenant : "` + tenantToken(p.Viewer.TenantID) + `" AND text : (` + words + `)`
	visible, vargs := visibleTo(p.Viewer)
	args := append([]any{match, p.Viewer.TenantID}, vargs...)
	if f := p.Filter; f != nil {
		if f.MatchesNothing() {
			return nil, nil
		}
		cond, fargs := meetingFilters(f, "m.created_at", "m.id", true)
		if d := f.CompanyDomains; len(d) > 0 {
			cond += ` AND +m.company_domain IN (` + marks(len(d)) + `)`
			fargs = appendPadded(fargs, d)
		}
		visible += cond
		args = append(args, fargs...)
	}
	rows, err := q.db.QueryContext(ctx, `SELECT s.rowid, s.meeting_id, s.kind, s.speaker, s.at_ms, s.items,
highlight(meeting_search, 0, '«', '»'), `+searchRank+`
FROM meeting_search s JOIN meetings m ON m.id = s.meeting_id
WHERE meeting_search MATCH ? AND m.tenant_id = ? AND `+visible+`
ORDER BY `+searchRank+`, s.rowid LIMIT ?`, append(args, sqlLimit(store.SearchCandidates(p.Limit)))...)
	if err != nil {
		return nil, fmt.Errorf("search meetings: %w", err)
	}
	defer rows.Close()
	var cands []store.SearchCandidate
	for rows.Next() {
		var c store.SearchCandidate
		var atMS int64
		var bm25 float64
		if err := rows.Scan(&c.RowID, &c.MeetingID, &c.Kind, &c.Speaker, &atMS, &c.Items, &c.Highlight, &bm25); err != nil {
			return nil, fmt.Errorf("search meetings: %w", err)
		}
		c.At, c.Score = time.Duration(atMS)*time.Millisecond, -bm25
		cands = append(cands, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search meetings: %w", err)
	}
	return store.SearchResults(cands, p.Limit)
}

// ftsQuery turns search terms into an FTS5 expression that cannot be read
// as operators or column filters: every term becomes a quoted string (a
// phrase of the words FTS5 finds in it; all must match), a prefix one
// followed by *. "" means there is nothing to search for.
func ftsQuery(terms []fathom.SearchTerm) string {
	var b strings.Builder
	for _, t := range terms {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(`"` + strings.ReplaceAll(t.Text, `"`, `""`) + `"`)
		if t.Prefix {
			b.WriteByte('*')
		}
	}
	return b.String()
}
