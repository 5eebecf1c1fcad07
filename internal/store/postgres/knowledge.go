package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/fathom-oss/fathom/internal/fathom"
	"github.com/fathom-oss/fathom/internal/store"
)

func (q queries) KnowledgeModelGet(ctx context.Context, tenantID int64, kind string) ([]byte, error) {
	var b []byte
	err := q.q.QueryRow(ctx, `SELECT model FROM knowledge_models WHERE tenant_id = $1 AND kind = $2`, tenantID, kind).Scan(&b)
	return b, interpretError(err)
}

func (t *tx) KnowledgeModelPut(ctx context.Context, tenantID int64, kind string, model []byte, at time.Time) error {
	_, err := t.q.Exec(ctx, `INSERT INTO knowledge_models (tenant_id, kind, model, updated_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (tenant_id, kind) DO UPDATE SET model = EXCLUDED.model, updated_at = EXCLUDED.updated_at`,
		tenantID, kind, model, at)
	if err != nil {
		return fmt.Errorf("store knowledge model: %w", err)
	}
	return nil
}

func (t *tx) KnowledgeModelDelete(ctx context.Context, tenantID int64, kind string) error {
	if _, err := t.q.Exec(ctx, `DELETE FROM knowledge_models WHERE tenant_id = $1 AND kind = $2`, tenantID, kind); err != nil {
		return fmt.Errorf("delete knowledge model: %w", err)
	}
	return nil
}

func (t *tx) KnowledgeChunkPut(ctx context.Context, p *store.KnowledgeChunkPutParams) error {
	_, err := t.q.Exec(ctx, `INSERT INTO knowledge_model_chunks (tenant_id, kind, chunk, data, updated_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (tenant_id, kind, chunk) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
		p.TenantID, p.Kind, p.Chunk, p.Data, p.At)
	if err != nil {
		return fmt.Errorf("store knowledge chunk %s/%d: %w", p.Kind, p.Chunk, err)
	}
	return nil
}

func (t *tx) KnowledgeChunkTrim(ctx context.Context, tenantID int64, kind string, from int) error {
	_, err := t.q.Exec(ctx, `DELETE FROM knowledge_model_chunks WHERE tenant_id = $1 AND kind = $2 AND chunk >= $3`, tenantID, kind, from)
	if err != nil {
		return fmt.Errorf("trim knowledge chunks %s from %d: %w", kind, from, err)
	}
	return nil
}

func (q queries) KnowledgeChunkScan(ctx context.Context, tenantID int64, kind string, fn func(chunk int, data []byte) error) error {
	rows, err := q.q.Query(ctx, `SELECT chunk, data FROM knowledge_model_chunks WHERE tenant_id = $1 AND kind = $2 ORDER BY chunk`, tenantID, kind)
	if err != nil {
		return fmt.Errorf("scan knowledge chunks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n int
		var data []byte
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

func scanSolution(row pgx.Row) (*fathom.Solution, error) {
	var s fathom.Solution
	var steps, pre, ind string
	if err := row.Scan(&s.ID, &s.TenantID, &s.Key, &s.Description, &steps, &pre, &ind, &s.Escalation, &s.CreatedAt); err != nil {
		return nil, interpretError(err)
	}
	return &s, errors.Join(unmarshalList(steps, &s.Steps), unmarshalList(pre, &s.Prerequisites), unmarshalList(ind, &s.SuccessIndicators))
}

func (q queries) SolutionList(ctx context.Context, tenantID int64) ([]*fathom.Solution, error) {
	rows, err := q.q.Query(ctx, `SELECT `+solutionColumns+` FROM solutions WHERE tenant_id = $1 ORDER BY id`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("list solutions: %w", err)
	}
	return collect(rows, scanSolution)
}

// SolutionUpsert reads the solution locked (the caller may update it from
// what it read). Analyses of one tenant may run on several servers at
// once; when two create the same key, the insert does nothing for the
// second, which waited for the first, and the read after it finds the
// first one's row.
func (t *tx) SolutionUpsert(ctx context.Context, s *fathom.Solution) (*fathom.Solution, error) {
	get := func() (*fathom.Solution, error) {
		return scanSolution(t.q.QueryRow(ctx, `SELECT `+solutionColumns+` FROM solutions WHERE tenant_id = $1 AND key = $2 FOR NO KEY UPDATE`, s.TenantID, s.Key))
	}
	got, err := get()
	if !errors.Is(err, store.ErrNotFound) {
		return got, err
	}
	got, err = scanSolution(t.q.QueryRow(ctx, `INSERT INTO solutions (tenant_id, key, description, steps, prerequisites, success_indicators, escalation, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id, key) DO NOTHING RETURNING `+solutionColumns,
		s.TenantID, s.Key, s.Description, marshalList(s.Steps), marshalList(s.Prerequisites), marshalList(s.SuccessIndicators),
		s.Escalation, s.CreatedAt))
	if errors.Is(err, store.ErrNotFound) {
		return get()
	}
	if err != nil {
		return nil, fmt.Errorf("create solution: %w", err)
	}
	out := *s
	out.ID = got.ID
	return &out, nil
}

func (t *tx) SolutionUpdate(ctx context.Context, s *fathom.Solution) error {
	return execOne(ctx, t.q, `UPDATE solutions SET description = $1, steps = $2, prerequisites = $3, success_indicators = $4, escalation = $5 WHERE id = $6`,
		s.Description, marshalList(s.Steps), marshalList(s.Prerequisites), marshalList(s.SuccessIndicators), s.Escalation, s.ID)
}

func (t *tx) SolutionDeleteUnused(ctx context.Context, tenantID int64) ([]int64, error) {
	rows, err := t.q.Query(ctx, `DELETE FROM solutions WHERE tenant_id = $1
AND NOT EXISTS (SELECT 1 FROM attempts WHERE attempts.solution_id = solutions.id) RETURNING id`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("retire unused solutions: %w", err)
	}
	ids, err := collect(rows, func(row pgx.Row) (id int64, err error) { return id, row.Scan(&id) })
	if err != nil {
		return nil, fmt.Errorf("retire unused solutions: %w", err)
	}
	return ids, nil
}

// AnalysisReplace sends its three statements as one batch: one round trip.
func (t *tx) AnalysisReplace(ctx context.Context, a *fathom.Analysis) error {
	turns := make([]int32, len(a.Attempts))
	solutionIDs := make([]int64, len(a.Attempts))
	actions := make([]string, len(a.Attempts))
	outcomes := make([]string, len(a.Attempts))
	confidences := make([]float64, len(a.Attempts))
	for i, at := range a.Attempts {
		turns[i], solutionIDs[i], actions[i], outcomes[i], confidences[i] = int32(at.Turn), at.SolutionID, at.Action, string(at.Outcome), at.Confidence
	}
	b := &pgx.Batch{}
	// Deleting the analysis cascades to its attempts.
	b.Queue(`DELETE FROM analyses WHERE conversation_id = $1`, a.ConversationID)
	b.Queue(`INSERT INTO analyses (conversation_id, tenant_id, issue_type_id, symptoms, causes, resolved, minutes_to_resolve, analyzed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, a.ConversationID, a.TenantID, a.IssueTypeID,
		marshalList(a.Symptoms), marshalList(a.Causes), a.Resolved, a.MinutesToResolve, a.AnalyzedAt)
	if len(a.Attempts) > 0 {
		b.Queue(`INSERT INTO attempts (conversation_id, turn, solution_id, action, outcome, confidence)
SELECT $1, * FROM unnest($2::integer[], $3::bigint[], $4::text[], $5::text[], $6::double precision[])`,
			a.ConversationID, turns, solutionIDs, actions, outcomes, confidences)
	}
	if err := t.q.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("replace analysis of conversation %d: %w", a.ConversationID, interpretError(err))
	}
	return nil
}

// AnalysisReplaceMany replaces every analysis with three statements of
// arrays sent as one batch: one round trip and three cached plans whatever
// their number (COPY would need a temporary table to upsert through, and
// pays only for thousands of rows; a round of analysis writes 50).
func (t *tx) AnalysisReplaceMany(ctx context.Context, as []*fathom.Analysis) error {
	if len(as) == 0 {
		return nil
	}
	n := len(as)
	convIDs, tenantIDs, typeIDs := make([]int64, n), make([]int64, n), make([]int64, n)
	symptoms, causes := make([]string, n), make([]string, n)
	resolved, minutes, times := make([]bool, n), make([]float64, n), make([]time.Time, n)
	var atConv []int64
	var turns []int32
	var solutionIDs []int64
	var actions, outcomes []string
	var confidences []float64
	for i, a := range as {
		convIDs[i], tenantIDs[i], typeIDs[i] = a.ConversationID, a.TenantID, a.IssueTypeID
		symptoms[i], causes[i] = marshalList(a.Symptoms), marshalList(a.Causes)
		resolved[i], minutes[i], times[i] = a.Resolved, a.MinutesToResolve, a.AnalyzedAt
		for _, at := range a.Attempts {
			atConv = append(atConv, a.ConversationID)
			turns = append(turns, int32(at.Turn))
			solutionIDs = append(solutionIDs, at.SolutionID)
			actions = append(actions, at.Action)
			outcomes = append(outcomes, string(at.Outcome))
			confidences = append(confidences, at.Confidence)
		}
	}
	b := &pgx.Batch{}
	// Deleting the analyses cascades to their attempts.
	b.Queue(`DELETE FROM analyses WHERE conversation_id = ANY($1)`, convIDs)
	b.Queue(`INSERT INTO analyses (conversation_id, tenant_id, issue_type_id, symptoms, causes, resolved, minutes_to_resolve, analyzed_at)
SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::boolean[], $7::double precision[], $8::timestamptz[])`,
		convIDs, tenantIDs, typeIDs, symptoms, causes, resolved, minutes, times)
	if len(atConv) > 0 {
		b.Queue(`INSERT INTO attempts (conversation_id, turn, solution_id, action, outcome, confidence)
SELECT * FROM unnest($1::bigint[], $2::integer[], $3::bigint[], $4::text[], $5::text[], $6::double precision[])`,
			atConv, turns, solutionIDs, actions, outcomes, confidences)
	}
	if err := t.q.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("replace %d analyses: %w", n, interpretError(err))
	}
	return nil
}

// AnalysisScan reads a page of analyses, then the attempts of the whole
// page in one query.
func (q queries) AnalysisScan(ctx context.Context, tenantID, afterID int64, limit int, fn func(*fathom.Analysis) error) error {
	list, err := q.analyses(ctx, tenantID, `conversation_id > $2 ORDER BY conversation_id LIMIT $3`, afterID, limit)
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
	return q.analyses(ctx, tenantID, `conversation_id = ANY($2) ORDER BY conversation_id`, conversationIDs)
}

// AnalysisScanAll reads a page of every tenant's analyses in id order,
// without analyzed_at, then the attempts of the whole page in one query.
func (q queries) AnalysisScanAll(ctx context.Context, afterID int64, limit int, fn func(*fathom.Analysis) error) error {
	rows, err := q.q.Query(ctx, `SELECT conversation_id, tenant_id, issue_type_id, symptoms, causes, resolved, minutes_to_resolve
FROM analyses WHERE conversation_id > $1 ORDER BY conversation_id LIMIT $2`, afterID, limit)
	if err != nil {
		return fmt.Errorf("scan analyses: %w", err)
	}
	list, err := collect(rows, func(row pgx.Row) (*fathom.Analysis, error) {
		a := &fathom.Analysis{}
		var symptoms, causes string
		if err := row.Scan(&a.ConversationID, &a.TenantID, &a.IssueTypeID, &symptoms, &causes, &a.Resolved, &a.MinutesToResolve); err != nil {
			return nil, err
		}
		return a, errors.Join(unmarshalList(symptoms, &a.Symptoms), unmarshalList(causes, &a.Causes))
	})
	if err != nil {
		return fmt.Errorf("scan analyses: %w", err)
	}
	if err := q.attachAttempts(ctx, list); err != nil {
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
// tenant's $1; args from $2) selects, with their attempts: two queries.
func (q queries) analyses(ctx context.Context, tenantID int64, cond string, args ...any) ([]*fathom.Analysis, error) {
	rows, err := q.q.Query(ctx, `SELECT conversation_id, issue_type_id, symptoms, causes, resolved, minutes_to_resolve, analyzed_at
FROM analyses WHERE tenant_id = $1 AND `+cond, append([]any{tenantID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("scan analyses: %w", err)
	}
	list, err := collect(rows, func(row pgx.Row) (*fathom.Analysis, error) {
		a := &fathom.Analysis{TenantID: tenantID}
		var symptoms, causes string
		if err := row.Scan(&a.ConversationID, &a.IssueTypeID, &symptoms, &causes, &a.Resolved, &a.MinutesToResolve, &a.AnalyzedAt); err != nil {
			return nil, err
		}
		return a, errors.Join(unmarshalList(symptoms, &a.Symptoms), unmarshalList(causes, &a.Causes))
	})
	if err != nil || len(list) == 0 {
		if err != nil {
			err = fmt.Errorf("scan analyses: %w", err)
		}
		return nil, err
	}
	if err := q.attachAttempts(ctx, list); err != nil {
		return nil, err
	}
	return list, nil
}

// attachAttempts reads the attempts of list's analyses in one query.
func (q queries) attachAttempts(ctx context.Context, list []*fathom.Analysis) error {
	if len(list) == 0 {
		return nil
	}
	ids := make([]int64, len(list))
	byID := make(map[int64]*fathom.Analysis, len(list))
	for i, a := range list {
		ids[i], byID[a.ConversationID] = a.ConversationID, a
	}
	arows, err := q.q.Query(ctx, `SELECT conversation_id, turn, solution_id, action, outcome, confidence FROM attempts
WHERE conversation_id = ANY($1) ORDER BY conversation_id, turn`, ids)
	if err != nil {
		return fmt.Errorf("scan attempts: %w", err)
	}
	defer arows.Close()
	for arows.Next() {
		var convID int64
		var at fathom.Attempt
		if err := arows.Scan(&convID, &at.Turn, &at.SolutionID, &at.Action, &at.Outcome, &at.Confidence); err != nil {
			return fmt.Errorf("scan attempts: %w", err)
		}
		if a := byID[convID]; a != nil {
			a.Attempts = append(a.Attempts, at)
		}
	}
	if err := arows.Err(); err != nil {
		return fmt.Errorf("scan attempts: %w", err)
	}
	return nil
}

// Lists of phrases are stored as JSON text, as in SQLite.
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
	return json.Unmarshal([]byte(s), dst)
}
