-- +goose Up
-- What the knowledge engine derives. Everything here can be rebuilt from
-- the conversations; it is stored so that a restart does not redo it.

-- Serialised per-tenant models (the issue-type clustering), by kind.
CREATE TABLE knowledge_models (
    tenant_id  INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    model      BLOB    NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, kind)
) WITHOUT ROWID;

CREATE TABLE solutions (
    id                 INTEGER PRIMARY KEY,
    tenant_id          INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    key                TEXT    NOT NULL,
    description        TEXT    NOT NULL DEFAULT '',
    steps              TEXT    NOT NULL DEFAULT '[]',
    prerequisites      TEXT    NOT NULL DEFAULT '[]',
    success_indicators TEXT    NOT NULL DEFAULT '[]',
    created_at         TEXT    NOT NULL,
    UNIQUE (tenant_id, key)
);

CREATE TABLE analyses (
    conversation_id    INTEGER PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
    tenant_id          INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    issue_type_id      INTEGER NOT NULL DEFAULT 0,
    symptoms           TEXT    NOT NULL DEFAULT '[]',
    causes             TEXT    NOT NULL DEFAULT '[]',
    resolved           INTEGER NOT NULL DEFAULT 0,
    minutes_to_resolve REAL    NOT NULL DEFAULT 0,
    analyzed_at        TEXT    NOT NULL
);
CREATE INDEX analyses_tenant ON analyses (tenant_id, conversation_id);

CREATE TABLE attempts (
    conversation_id INTEGER NOT NULL REFERENCES analyses (conversation_id) ON DELETE CASCADE,
    turn            INTEGER NOT NULL,
    solution_id     INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    action          TEXT    NOT NULL,
    outcome         TEXT    NOT NULL,
    confidence      REAL    NOT NULL,
    PRIMARY KEY (conversation_id, turn)
) WITHOUT ROWID;
CREATE INDEX attempts_solution ON attempts (solution_id);

-- Conversations tracked before the engine existed get analysed.
UPDATE conversations SET dirty = 1;

-- +goose Down
DROP TABLE attempts;
DROP TABLE analyses;
DROP TABLE solutions;
DROP TABLE knowledge_models;
