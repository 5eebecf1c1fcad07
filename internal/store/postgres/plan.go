package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// planSetting is a planner setting a statement runs under: name and value.
type planSetting struct{ name, value string }

// genericPlan runs a statement on its generic plan. pgx keeps every
// statement prepared (its default query exec mode), but PostgreSQL plans a
// prepared statement again at every call unless the statement's generic
// plan, made once without the values, looks no dearer than the plans made
// for each call's values (plan_cache_mode auto). For a statement whose
// cost follows from its text, not its values (an index walk in order
// with its limit written in, lookups by id), the per-call plans are the
// same walk estimated cheaper, and planning them costs more than running
// them: planning the count that chooses a list's walk took about 1 ms, its
// run 0.2 ms.
var genericPlan = []planSetting{{"plan_cache_mode", "force_generic_plan"}}

// viewerSetPlan is genericPlan for the list of a small viewer's set
// (viewerSetQuery), with table scans ruled out: its ids come from the
// viewer's own indexes, which a generic plan might read with a scan of
// the table where a workspace has few recorders or teams (the generic
// estimate of `team_id = $1` is the average team's share of the table),
// and a scan grows with the workspace where the viewer's set does not.
var viewerSetPlan = []planSetting{{"plan_cache_mode", "force_generic_plan"}, {"enable_seqscan", "off"}}

// onGenericPlan runs query under settings and hands its rows to each, in
// one round trip: the settings, the statement and the resets that follow
// it go as one pipeline (one batch), which PostgreSQL runs as one
// transaction (an implicit one when q is the pool). The settings last
// until the resets: if the statement fails, the transaction is rolled
// back and the settings with it (SET is transactional), so a connection
// returns to the pool as it was either way. In a transaction of the
// caller's, a failure aborts that transaction, whose rollback undoes
// them too.
//
// It needs nothing of the connection but what any statement does: with
// pgx's other query exec modes (default_query_exec_mode in the URL, for
// a pooler that cannot keep prepared statements), nothing is prepared,
// and each call is planned, as before.
func (q queries) onGenericPlan(ctx context.Context, settings []planSetting, query string, args []any, each func(pgx.Rows) error) error {
	b := &pgx.Batch{}
	for _, s := range settings {
		b.Queue("SET " + s.name + " = " + s.value)
	}
	b.Queue(query, args...)
	for _, s := range settings {
		b.Queue("RESET " + s.name)
	}
	br := q.q.SendBatch(ctx, b)
	err := func() error {
		for range settings {
			if _, err := br.Exec(); err != nil {
				return err
			}
		}
		rows, err := br.Query()
		if err != nil {
			return err
		}
		err = each(rows)
		rows.Close()
		if err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for range settings {
			if _, err := br.Exec(); err != nil {
				return err
			}
		}
		return nil
	}()
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	return err
}
