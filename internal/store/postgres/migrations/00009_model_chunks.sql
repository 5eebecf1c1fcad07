-- +goose Up
-- Knowledge models saved in numbered chunks, so that a save rewrites only
-- the chunks that changed (a large model was one blob rewritten whole at
-- every save). A model's chunks of one kind are numbered from 0 with no
-- gaps; a save trims chunks past its last.
CREATE TABLE knowledge_model_chunks (
    tenant_id  BIGINT  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    chunk      INTEGER NOT NULL,
    data       BYTEA   NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, kind, chunk)
);

-- +goose Down
DROP TABLE knowledge_model_chunks;
