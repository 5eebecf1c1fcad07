package storecopy

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// resetSequences moves each identity column's sequence past the copied
// ids, so the next row the server inserts does not collide with one.
func resetSequences(ctx context.Context, dst *pgxpool.Pool, p *plan) error {
	for _, t := range p.tables {
		for _, c := range t.target {
			if !c.identity {
				continue
			}
			tbl, col := pgx.Identifier{t.name}.Sanitize(), pgx.Identifier{c.name}.Sanitize()
			// is_called false: the next value is max+1 (1 when empty).
			q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(%s) FROM %s), 0) + 1, false)`, col, tbl)
			if _, err := dst.Exec(ctx, q, tbl, c.name); err != nil {
				return fmt.Errorf("reset sequence of %s.%s: %w", t.name, c.name, err)
			}
		}
	}
	return nil
}

// verify counts every copied table on both sides.
func verify(ctx context.Context, src *sql.Tx, dst *pgxpool.Pool, p *plan) ([]TableCount, error) {
	var out []TableCount
	var bad []string
	for _, t := range p.tables {
		c := TableCount{Table: t.name}
		if err := src.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteSQLite(t.name)).Scan(&c.Source); err != nil {
			return nil, fmt.Errorf("count source table %s: %w", t.name, err)
		}
		if err := dst.QueryRow(ctx, `SELECT count(*) FROM `+pgx.Identifier{t.name}.Sanitize()).Scan(&c.Target); err != nil {
			return nil, fmt.Errorf("count target table %s: %w", t.name, err)
		}
		if c.Source != c.Target {
			bad = append(bad, fmt.Sprintf("%s (%d in the source, %d in the target)", t.name, c.Source, c.Target))
		}
		out = append(out, c)
	}
	if len(bad) > 0 {
		return out, fmt.Errorf("%w: %v", ErrCountMismatch, bad)
	}
	return out, nil
}
