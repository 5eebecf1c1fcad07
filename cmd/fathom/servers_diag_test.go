package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// analysisState describes, for a failing test, where the analysis of a
// database's tenants stands: each tenant's pending flag and waiting
// conversations, the analysis leases, and the analysis jobs not yet
// completed (state, attempts, the queue clients that took them).
func analysisState(dbURL string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return "analysis state: " + err.Error()
	}
	defer conn.Close(ctx)
	var b strings.Builder
	dump := func(title, sql string) {
		fmt.Fprintf(&b, "%s:\n", title)
		rows, err := conn.Query(ctx, sql)
		if err != nil {
			fmt.Fprintf(&b, "  %v\n", err)
			return
		}
		defer rows.Close()
		for rows.Next() {
			vals, err := rows.Values()
			if err != nil {
				fmt.Fprintf(&b, "  %v\n", err)
				return
			}
			fmt.Fprintf(&b, "  %v\n", vals)
		}
	}
	dump("tenants (id, pending, waiting)", `SELECT t.id, t.analysis_pending,
		(SELECT count(*) FROM conversations c WHERE c.tenant_id = t.id AND c.dirty) FROM tenants t`)
	dump("leases (tenant, server, expires_at, now)", `SELECT tenant_id, server, expires_at, now() FROM analysis_leases`)
	dump("analysis jobs not completed (id, state, attempt, attempted_by, scheduled_at, attempted_at)",
		`SELECT id, state, attempt, attempted_by, scheduled_at, attempted_at FROM river_job
		WHERE kind = 'analyze_tenant' AND state <> 'completed' ORDER BY id`)
	dump("queue leader (leader_id, elected_at, expires_at)", `SELECT leader_id, elected_at, expires_at FROM river_leader`)
	return b.String()
}
