-- +goose Up
-- The change feed: what a write changed in the state every server derives
-- in memory (search index, knowledge), appended in the write's own
-- transaction and tailed by every server on the database (see
-- docs/architecture.md, "Several servers"). Pruned by age.
CREATE TABLE changes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id  INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    ref        INTEGER NOT NULL DEFAULT 0,
    server     TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL
);
CREATE INDEX changes_created ON changes (created_at);

-- One server at a time analyses a tenant: it holds the lease until
-- expires_at and renews it while it works.
CREATE TABLE analysis_leases (
    tenant_id  INTEGER PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    server     TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
);

-- +goose Down
DROP TABLE analysis_leases;
DROP TABLE changes;
