package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
)

// Migrations are numbered as SQLite's are: version N means the same schema
// on both engines, each written in its own dialect.
//
//go:embed migrations/*.sql
var migrations embed.FS

// Migrate applies every pending numbered migration and returns the
// versions it applied.
func (db *DB) Migrate(ctx context.Context) ([]int64, error) {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	sqlDB := stdlib.OpenDBFromPool(db.pool)
	defer sqlDB.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, fsys)
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	applied := make([]int64, 0, len(results))
	for _, r := range results {
		applied = append(applied, r.Source.Version)
	}
	return applied, nil
}

// Migrations are the numbered migration files, for tests that key a
// migrated template database by them.
func Migrations() fs.FS {
	fsys, _ := fs.Sub(migrations, "migrations")
	return fsys
}
