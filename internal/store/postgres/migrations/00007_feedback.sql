-- +goose Up
-- Explicit feedback: which action was tried in a conversation and how it
-- went, as an agent or a helpdesk integration confirmed it. One row per
-- conversation and action compared without regard to case; a later word
-- on the same action replaces the earlier one. Analysis applies it over
-- the outcomes inferred from the text.
--
-- SQLite keys the row on (conversation_id, action COLLATE NOCASE).
-- PostgreSQL has no such collation built in, and a key cannot hold an
-- expression, so the unique index on lower(action) is the key here (lower
-- also folds non-ASCII letters, which NOCASE leaves apart).
CREATE TABLE feedback (
    conversation_id BIGINT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    tenant_id       BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    action          TEXT   NOT NULL,
    outcome         TEXT   NOT NULL,
    note            TEXT   NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX feedback_action ON feedback (conversation_id, lower(action));

-- +goose Down
DROP TABLE feedback;
