package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

func (q queries) KnowledgeModelGet(ctx context.Context, tenantID int64, kind string) ([]byte, error) {
	var b []byte
	err := q.db.QueryRowContext(ctx, `SELECT model FROM knowledge_models WHERE tenant_id = ? AND kind = ?`, tenantID, kind).Scan(&b)
	return b, interpretError(err)
}

func (t *tx) KnowledgeModelPut(ctx context.Context, tenantID int64, kind string, model []byte, at time.Time) error {
	_, err := t.db.ExecContext(ctx, `INSERT INTO knowledge_models (tenant_id, kind, model, updated_at) VALUES (?, ?, ?, ?)
ON CONFLICT (tenant_id, kind) DO UPDATE SET model = excluded.model, updated_at = excluded.updated_at`,
		tenantID, kind, model, formatTime(at))
	if err != nil {
		return fmt.Errorf("store knowledge model: %w", err)
	}
	return nil
}

func (t *tx) KnowledgeModelDelete(ctx context.Context, tenantID int64, kind string) error {
	_, err := t.db.ExecContext(ctx, `DELETE FROM knowledge_models WHERE tenant_id = ? AND kind = ?`, tenantID, kind)
	if err != nil {
		return fmt.Errorf("delete knowledge model: %w", err)
	}
	return nil
}

func (t *tx) KnowledgeChunkPut(ctx context.Context, p *store.KnowledgeChunkPutParams) error {
	_, err := t.db.ExecContext(ctx, `INSERT INTO knowledge_model_chunks (tenant_id, kind, chunk, data, updated_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (tenant_id, kind, chunk) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
		p.TenantID, p.Kind, p.Chunk, p.Data, formatTime(p.At))
	if err != nil {
		return fmt.Errorf("store knowledge chunk %s/%d: %w", p.Kind, p.Chunk, err)
	}
	return nil
}

func (t *tx) KnowledgeChunkTrim(ctx context.Context, tenantID int64, kind string, from int) error {
	_, err := t.db.ExecContext(ctx, `DELETE FROM knowledge_model_chunks WHERE tenant_id = ? AND kind = ? AND chunk >= ?`, tenantID, kind, from)
	if err != nil {
		return fmt.Errorf("trim knowledge chunks %s from %d: %w", kind, from, err)
	}
	return nil
}

func (q queries) KnowledgeChunkScan(ctx context.Context, tenantID int64, kind string, fn func(chunk int, data []byte) error) error {
	rows, err := q.db.QueryContext(ctx, `SELECT chunk, data FROM knowledge_model_chunks WHERE tenant_id = ? AND kind = ? ORDER BY chunk`, tenantID, kind)
	if err != nil {
		return fmt.Errorf("scan knowledge chunks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n int
		var data sql.RawBytes // the driver's copy, not a second one: fn keeps none of it
		if err := rows.Scan(&n, &data); err != nil {
			return fmt.Errorf("scan knowledge chunks: %w", err)
		}
		if err := fn(n, data); err != nil {
			return err
		}
	}
	return rows.Err()
}

const solutionColumns = `id, tenant_id, key, description, steps, prerequisites, success_indicators, escalation, created_at`

func scanSolution(row interface{ Scan(...any) error }) (*fathom.Solution, error) {
	var s fathom.Solution
	var steps, pre, ind, created string
	if err := row.Scan(&s.ID, &s.TenantID, &s.Key, &s.Description, &steps, &pre, &ind, &s.Escalation, &created); err != nil {
		return nil, interpretError(err)
	}
	s.CreatedAt = parseTime(created)
	return &s, errors.Join(unmarshalList(steps, &s.Steps), unmarshalList(pre, &s.Prerequisites), unmarshalList(ind, &s.SuccessIndicators))
}

func (q queries) SolutionList(ctx context.Context, tenantID int64) ([]*fathom.Solution, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT `+solutionColumns+` FROM solutions WHERE tenant_id = ? ORDER BY id`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("list solutions: %w", err)
	}
	defer rows.Close()
	var out []*fathom.Solution
	for rows.Next() {
		s, err := scanSolution(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (t *tx) SolutionUpsert(ctx context.Context, s *fathom.Solution) (*fathom.Solution, error) {
	got, err := scanSolution(t.db.QueryRowContext(ctx, `SELECT `+solutionColumns+` FROM solutions WHERE tenant_id = ? AND key = ?`, s.TenantID, s.Key))
	if !errors.Is(err, store.ErrNotFound) {
		return got, err
	}
	res, err := t.db.ExecContext(ctx, `INSERT INTO solutions (tenant_id, key, description, steps, prerequisites, success_indicators, escalation, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, s.TenantID, s.Key, s.Description, marshalList(s.Steps), marshalList(s.Prerequisites),
		marshalList(s.SuccessIndicators), s.Escalation, formatTime(s.CreatedAt))
	if err != nil {
		return nil, fmt.Errorf("create solution: %w", interpretError(err))
	}
	out := *s
	out.ID, _ = res.LastInsertId()
	return &out, nil
}

func (t *tx) SolutionUpdate(ctx context.Context, s *fathom.Solution) error {
	return execOne(ctx, t.db, `UPDATE solutions SET description = ?, steps = ?, prerequisites = ?, success_indicators = ?, escalation = ? WHERE id = ?`,
		s.Description, marshalList(s.Steps), marshalList(s.Prerequisites), marshalList(s.SuccessIndicators), s.Escalation, s.ID)
}

func (t *tx) SolutionDeleteUnused(ctx context.Context, tenantID int64) ([]int64, error) {
	rows, err := t.db.QueryContext(ctx, `DELETE FROM solutions WHERE tenant_id = ?
AND NOT EXISTS (SELECT 1 FROM attempts WHERE attempts.solution_id = solutions.id) RETURNING id`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("retire unused solutions: %w", err)
	}
	ids, err := scanColumn[int64](rows)
	if err != nil {
		return nil, fmt.Errorf("retire unused solutions: %w", err)
	}
	return ids, nil
}

func (t *tx) AnalysisReplace(ctx context.Context, a *fathom.Analysis) error {
	// Deleting the analysis cascades to its attempts.
	if _, err := t.db.ExecContext(ctx, `DELETE FROM analyses WHERE conversation_id = ?`, a.ConversationID); err != nil {
		return fmt.Errorf("replace analysis: %w", err)
	}
	_, err := t.db.ExecContext(ctx, `INSERT INTO analyses (conversation_id, tenant_id, issue_type_id, symptoms, causes, resolved,
minutes_to_resolve, analyzed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.ConversationID, a.TenantID, a.IssueTypeID,
		marshalList(a.Symptoms), marshalList(a.Causes), a.Resolved, a.MinutesToResolve, formatTime(a.AnalyzedAt))
	if err != nil {
		return fmt.Errorf("insert analysis: %w", interpretError(err))
	}
	for _, at := range a.Attempts {
		_, err := t.db.ExecContext(ctx, `INSERT INTO attempts (conversation_id, turn, solution_id, action, outcome, confidence)
VALUES (?, ?, ?, ?, ?, ?)`, a.ConversationID, at.Turn, at.SolutionID, at.Action, string(at.Outcome), at.Confidence)
		if err != nil {
			return fmt.Errorf("insert attempt: %w", interpretError(err))
		}
	}
	return nil
}

// AnalysisReplaceMany replaces one analysis after the other, each with the
// prepared statements, inside the caller's transaction (no round trips in
// SQLite).
func (t *tx) AnalysisReplaceMany(ctx context.Context, as []*fathom.Analysis) error {
	for _, a := range as {
		if err := t.AnalysisReplace(ctx, a); err != nil {
			return err
		}
	}
	return nil
}

func (q queries) AnalysisScan(ctx context.Context, tenantID, afterID int64, limit int, fn func(*fathom.Analysis) error) error {
	list, err := q.analyses(ctx, tenantID, true, `conversation_id > ? ORDER BY conversation_id LIMIT ?`, afterID, limit)
	if err != nil {
		return err
	}
	for _, a := range list {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

func (q queries) AnalysisListByIDs(ctx context.Context, tenantID int64, conversationIDs []int64) ([]*fathom.Analysis, error) {
	if len(conversationIDs) == 0 {
		return nil, nil
	}
	return q.analyses(ctx, tenantID, false, `conversation_id IN (`+marks(len(conversationIDs))+`) ORDER BY conversation_id`,
		appendPadded(nil, conversationIDs)...)
}

// AnalysisScanAll reads a page of every tenant's analyses in rowid order
// (conversation_id is the rowid: no index is stepped and no row looked up
// from it), without analyzed_at, then the attempts of the page's range.
func (q queries) AnalysisScanAll(ctx context.Context, afterID int64, limit int, fn func(*fathom.Analysis) error) error {
	rows, err := q.db.QueryContext(ctx, `SELECT conversation_id, tenant_id, issue_type_id, symptoms, causes, resolved, minutes_to_resolve
FROM analyses WHERE conversation_id > ? ORDER BY conversation_id LIMIT ?`, afterID, limit)
	if err != nil {
		return fmt.Errorf("scan analyses: %w", err)
	}
	list, err := readAnalyses(rows, func(a *fathom.Analysis, symptoms, causes *string) error {
		return rows.Scan(&a.ConversationID, &a.TenantID, &a.IssueTypeID, symptoms, causes, &a.Resolved, &a.MinutesToResolve)
	})
	if err != nil || len(list) == 0 {
		return err
	}
	if err := q.attachAttempts(ctx, list, true); err != nil {
		return err
	}
	for _, a := range list {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// analyses reads the tenant's analyses that cond (on analyses, after the
// tenant's placeholder, ending in ORDER BY conversation_id) selects, with
// their attempts: two queries, the
// attempts read by the range of the analyses' ids when they are dense
// (a scan), by their ids otherwise.
func (q queries) analyses(ctx context.Context, tenantID int64, dense bool, cond string, args ...any) ([]*fathom.Analysis, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT conversation_id, issue_type_id, symptoms, causes, resolved, minutes_to_resolve, analyzed_at
FROM analyses WHERE tenant_id = ? AND `+cond, append([]any{tenantID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("scan analyses: %w", err)
	}
	list, err := readAnalyses(rows, func(a *fathom.Analysis, symptoms, causes *string) error {
		var at string
		a.TenantID = tenantID
		err := rows.Scan(&a.ConversationID, &a.IssueTypeID, symptoms, causes, &a.Resolved, &a.MinutesToResolve, &at)
		a.AnalyzedAt = parseTime(at)
		return err
	})
	if err != nil || len(list) == 0 {
		return nil, err
	}
	if err := q.attachAttempts(ctx, list, dense); err != nil {
		return nil, err
	}
	return list, nil
}

// readAnalyses reads rows into analyses, scan reading a row's columns
// (the lists of phrases as their stored text, decoded here), and closes
// rows.
func readAnalyses(rows *sql.Rows, scan func(a *fathom.Analysis, symptoms, causes *string) error) ([]*fathom.Analysis, error) {
	defer rows.Close()
	var list []*fathom.Analysis
	for rows.Next() {
		a := &fathom.Analysis{}
		var symptoms, causes string
		if err := scan(a, &symptoms, &causes); err != nil {
			return nil, fmt.Errorf("scan analyses: %w", err)
		}
		if err := errors.Join(unmarshalList(symptoms, &a.Symptoms), unmarshalList(causes, &a.Causes)); err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}

// attachAttempts reads the attempts of list (in conversation id order):
// by the range of its ids when they are dense (a scan; the attempts of
// conversations not in list are passed over), by its ids otherwise.
func (q queries) attachAttempts(ctx context.Context, list []*fathom.Analysis, dense bool) error {
	which, aargs := `BETWEEN ? AND ?`, []any{list[0].ConversationID, list[len(list)-1].ConversationID}
	if !dense {
		ids := make([]int64, len(list))
		for i, a := range list {
			ids[i] = a.ConversationID
		}
		which, aargs = `IN (`+marks(len(ids))+`)`, appendPadded(nil, ids)
	}
	arows, err := q.db.QueryContext(ctx, `SELECT conversation_id, turn, solution_id, action, outcome, confidence FROM attempts
WHERE conversation_id `+which+` ORDER BY conversation_id, turn`, aargs...)
	if err != nil {
		return fmt.Errorf("scan attempts: %w", err)
	}
	defer arows.Close()
	// Both lists are in conversation id order: each attempt's analysis is
	// found by walking the analyses along with the attempts (no map).
	next := 0
	for arows.Next() {
		var convID int64
		var at fathom.Attempt
		if err := arows.Scan(&convID, &at.Turn, &at.SolutionID, &at.Action, &at.Outcome, &at.Confidence); err != nil {
			return err
		}
		for next < len(list) && list[next].ConversationID < convID {
			next++
		}
		if next < len(list) && list[next].ConversationID == convID {
			list[next].Attempts = append(list[next].Attempts, at)
		}
	}
	return arows.Err()
}

func marshalList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(l)
	return string(b)
}

func unmarshalList(s string, dst *[]string) error {
	if s == "" || s == "[]" {
		*dst = nil
		return nil
	}
	if l, ok := plainList(s); ok {
		*dst = l
		return nil
	}
	return json.Unmarshal([]byte(s), dst)
}

// plainList reads a list as marshalList writes it when none of its
// strings needs an escape (["a","b c"]: most symptoms and causes), without
// the reflection of encoding/json, which was a sixth of reading the
// analyses at a start. It reports false for anything else (an escape, a
// space between items, invalid UTF-8), which unmarshalList leaves to
// encoding/json, so that it never reads a list differently.
func plainList(s string) ([]string, bool) {
	if len(s) < 4 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, false
	}
	n := 1 + strings.Count(s, `","`)
	l := make([]string, 0, n)
	rest := s[1 : len(s)-1]
	for {
		if len(rest) < 2 || rest[0] != '"' {
			return nil, false
		}
		end := strings.IndexByte(rest[1:], '"') + 1
		if end <= 0 {
			return nil, false
		}
		item := rest[1:end]
		for i := 0; i < len(item); i++ {
			if c := item[i]; c == '\\' || c < 0x20 {
				return nil, false
			}
		}
		if !utf8.ValidString(item) {
			return nil, false
		}
		l = append(l, item)
		rest = rest[end+1:]
		if rest == "" {
			return l, true
		}
		if rest[0] != ',' {
			return nil, false
		}
		rest = rest[1:]
	}
}

// scanColumn reads a one-column result (ids, paths) and closes it.
func scanColumn[T any](rows *sql.Rows) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
