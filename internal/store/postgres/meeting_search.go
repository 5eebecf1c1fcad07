package postgres

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

// Full-text search over meetings uses meeting_search: one row per
// transcript window, summary line and action item, laid out as
// store.SearchWindows says, with a generated tsvector (document) whose
// words carry their tenant, so that the GIN index on it answers a search
// from its tenant's postings only (see migration 00003). The rowids are
// SQLite's, whose FTS5 table orders hits that rank alike by rowid.

// indexMeeting replaces the meeting's rows in meeting_search.
func (t *tx) indexMeeting(ctx context.Context, p *store.MeetingProcessedParams) error {
	rows := make([][]any, 0, len(p.Transcript)/2+len(p.ActionItems)+16)
	first := p.MeetingID << store.SearchRowShift
	for _, w := range store.SearchWindows(p.Transcript) {
		rows = append(rows, []any{w.Text(), w.Items[0].Speaker, store.HitTranscript, w.Items[0].At.Milliseconds(),
			p.MeetingID, p.TenantID, first + int64(w.First), w.ItemsJSON()})
	}
	next := int64(len(p.Transcript))
	add := func(text, kind string, at time.Duration) {
		rows = append(rows, []any{text, "", kind, at.Milliseconds(), p.MeetingID, p.TenantID, first + next, ""})
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
	if _, err := t.q.Exec(ctx, `DELETE FROM meeting_search WHERE meeting_id = $1`, p.MeetingID); err != nil {
		return fmt.Errorf("unindex meeting %d: %w", p.MeetingID, err)
	}
	if len(rows) == 0 {
		return nil
	}
	_, err := t.q.CopyFrom(ctx, pgx.Identifier{"meeting_search"},
		[]string{"text", "speaker", "kind", "at_ms", "meeting_id", "tenant_id", "rowid", "items"}, pgx.CopyFromRows(rows))
	if err != nil {
		return fmt.Errorf("index meeting %d: %w", p.MeetingID, err)
	}
	return nil
}

// meetingSearchQuery ranks the visible matching rows by ts_rank_cd (cover
// density: how close together the matches are), divided by the row's
// length (2) as BM25 favours the shorter of two rows with the same
// matches (dividing by the log of it, a three-line window outranked the
// summary line that repeats its words, which FTS5 ranks first), then marks the matches of the few it returns only
// (ts_headline reads the whole text again, so it runs after the limit).
// ts_headline marks every word of a phrase wherever it is said, so when a
// term is a phrase, which items of a window match is asked of each item
// and term ($4) instead; a word's marks are exact, and $4 is then empty.
// The rows match the tenant's words (meeting_search_query); the
// headlines, on the plain text, mark the plain words. The tsqueries are
// scalar subqueries, made once per search (init plans): written as plain
// calls, a cached generic plan makes them again for every matching row,
// seconds for a word said in 100k rows.
const meetingSearchQuery = `SELECT s.rowid, s.meeting_id, s.kind, s.speaker, s.at_ms, s.items,
	ts_headline('fathom_search', s.text, (SELECT to_tsquery('fathom_search', $1)), 'StartSel=«, StopSel=», HighlightAll=true'),
	s.rank,
	CASE WHEN s.kind = 'transcript' AND cardinality($4::text[]) > 0 THEN ARRAY(
		SELECT EXISTS (SELECT FROM unnest($4::text[]) t (q)
			WHERE to_tsvector('fathom_search', regexp_replace(l.line, '[!-/:-@[-` + "`" + `{-~]+', ' ', 'g')) @@ to_tsquery('fathom_search', t.q))
		FROM unnest(string_to_array(s.text, E'\n')) WITH ORDINALITY l (line, n) ORDER BY l.n) END
FROM (
	SELECT s.rowid, s.meeting_id, s.kind, s.speaker, s.at_ms, s.items, s.text,
		ts_rank_cd(s.document, (SELECT meeting_search_query($2, $1)), 2) AS rank
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
	var cands []store.SearchCandidate
	for rows.Next() {
		var c store.SearchCandidate
		var atMS int64
		var rank float32
		if err := rows.Scan(&c.RowID, &c.MeetingID, &c.Kind, &c.Speaker, &atMS, &c.Items, &c.Highlight, &rank, &c.ItemMatched); err != nil {
			return nil, fmt.Errorf("search meetings: %w", err)
		}
		c.At, c.Score, c.Highlight = time.Duration(atMS)*time.Millisecond, float64(rank), markGap.ReplaceAllString(c.Highlight, "$1")
		cands = append(cands, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search meetings: %w", err)
	}
	return store.SearchResults(cands, p.Limit)
}

// meetingSearchSQL returns the query of a search, "" when p.Query has
// nothing to search for.
func meetingSearchSQL(p *store.MeetingSearchParams) (string, []any) {
	terms, _ := fathom.ParseSearchQuery(p.Query) // the service rejects what is not a search
	each := termQueries(terms)
	if len(each) == 0 {
		return "", nil
	}
	perItem := []string{}
	if slices.ContainsFunc(each, func(q string) bool { return strings.Contains(q, "<->") }) {
		perItem = each
	}
	args := argList{strings.Join(each, " & "), p.Viewer.TenantID, limitOrAll(store.SearchCandidates(p.Limit)), perItem}
	visible := visibleTo(p.Viewer, &args)
	if f := p.Filter; f != nil {
		if f.MatchesNothing() {
			return "", nil
		}
		visible += meetingFilters(f, &args, "m.created_at", "m.id")
		if d := f.CompanyDomains; len(d) > 0 {
			visible += ` AND m.company_domain = ANY(` + args.add(d) + `)`
		}
	}
	return fmt.Sprintf(meetingSearchQuery, visible), args
}

// limitOrAll maps a limit of 0 or less to no limit (LIMIT NULL).
func limitOrAll(limit int) *int {
	if limit <= 0 {
		return nil
	}
	return &limit
}

// markGap is the end of one mark and the start of the next with only
// punctuation between them: a phrase matched across punctuation ("don't",
// "mm-hmm"), marked as one, as SQLite's highlight() does.
var markGap = regexp.MustCompile(`»([^\s\p{L}\p{N}«»]+)«`)

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tsQuery turns search terms into a tsquery that cannot be read as
// operators, "" when there is nothing to search for.
func tsQuery(terms []fathom.SearchTerm) string { return strings.Join(termQueries(terms), " & ") }

// termQueries turns each search term into a tsquery: a term's letter and digit runs, each quoted, make a phrase
// (<->), as a quoted FTS5 string does; every term must match (&); a
// prefix term's last run is a prefix (:*). The runs are split where the
// indexed text is (migration 00003: at anything not a letter or digit),
// so "text:budget" is the phrase "text budget", never a column filter.
// Terms without a letter or digit are dropped.
func termQueries(terms []fathom.SearchTerm) []string {
	var out []string
	for _, t := range terms {
		runs := strings.FieldsFunc(t.Text, func(r rune) bool { return !isWordRune(r) })
		if len(runs) == 0 {
			continue
		}
		var b strings.Builder
		if len(runs) > 1 {
			b.WriteByte('(')
		}
		for i, run := range runs {
			if i > 0 {
				b.WriteString(" <-> ")
			}
			b.WriteString("'" + run + "'")
			if t.Prefix && i == len(runs)-1 {
				b.WriteString(":*")
			}
		}
		if len(runs) > 1 {
			b.WriteByte(')')
		}
		out = append(out, b.String())
	}
	return out
}
