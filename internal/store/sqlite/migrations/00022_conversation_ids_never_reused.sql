-- +goose NO TRANSACTION
-- +goose Up
-- A conversation's id is never given again once its conversation is
-- deleted, as on PostgreSQL: SQLite gave the highest id again to the next
-- conversation created after the one holding it was deleted, and what
-- follows a conversation by its id (the search index's tombstones, the
-- change feed's deletes) could not tell the two apart. AUTOINCREMENT keeps
-- the highest id ever given in sqlite_sequence. SQLite cannot add it to a
-- table, so the table is rebuilt as its documentation says (with foreign
-- keys off, else dropping the table would delete its messages, analyses
-- and feedback by their ON DELETE CASCADE), in one transaction. The writer
-- is one connection, so the pragmas and the transaction share it.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE conversations_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id        INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    external_id      TEXT    NOT NULL,
    user_id          TEXT    NOT NULL DEFAULT '',
    status           TEXT    NOT NULL DEFAULT 'open',
    message_count    INTEGER NOT NULL DEFAULT 0,
    reopen_count     INTEGER NOT NULL DEFAULT 0,
    resolution_notes TEXT    NOT NULL DEFAULT '',
    notes_generated  INTEGER NOT NULL DEFAULT 0,
    analyzed_count   INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 1,
    dirty            INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    resolved_at      TEXT,
    UNIQUE (tenant_id, external_id)
);
INSERT INTO conversations_new SELECT * FROM conversations;
DROP TABLE conversations;
ALTER TABLE conversations_new RENAME TO conversations;
CREATE INDEX conversations_dirty ON conversations (tenant_id, id) WHERE dirty = 1;
COMMIT;
PRAGMA foreign_keys = ON;

-- +goose Down
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE conversations_old (
    id               INTEGER PRIMARY KEY,
    tenant_id        INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    external_id      TEXT    NOT NULL,
    user_id          TEXT    NOT NULL DEFAULT '',
    status           TEXT    NOT NULL DEFAULT 'open',
    message_count    INTEGER NOT NULL DEFAULT 0,
    reopen_count     INTEGER NOT NULL DEFAULT 0,
    resolution_notes TEXT    NOT NULL DEFAULT '',
    notes_generated  INTEGER NOT NULL DEFAULT 0,
    analyzed_count   INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 1,
    dirty            INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    resolved_at      TEXT,
    UNIQUE (tenant_id, external_id)
);
INSERT INTO conversations_old SELECT * FROM conversations;
DROP TABLE conversations;
ALTER TABLE conversations_old RENAME TO conversations;
CREATE INDEX conversations_dirty ON conversations (tenant_id, id) WHERE dirty = 1;
COMMIT;
PRAGMA foreign_keys = ON;
