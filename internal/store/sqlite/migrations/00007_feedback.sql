-- +goose Up
-- Explicit feedback: which action was tried in a conversation and how it
-- went, as an agent or a helpdesk integration confirmed it. One row per
-- conversation and action (compared without regard to case); a later word
-- on the same action replaces the earlier one. Analysis applies it over
-- the outcomes inferred from the text.
CREATE TABLE feedback (
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    action          TEXT    NOT NULL COLLATE NOCASE,
    outcome         TEXT    NOT NULL,
    note            TEXT    NOT NULL DEFAULT '',
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    PRIMARY KEY (conversation_id, action)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE feedback;
