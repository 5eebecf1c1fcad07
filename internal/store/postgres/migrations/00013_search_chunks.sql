-- +goose Up
-- The search index saved in chunks of conversation ids, each document
-- tagged with its conversation's stamp (version and creation time), so
-- that a start loads it instead of tokenising every conversation again and
-- indexes from their text only the conversations changed since the save.
CREATE TABLE search_index_chunks (
    chunk      BIGINT  NOT NULL,
    tenant_id  BIGINT  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    data       BYTEA   NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (chunk, tenant_id)
);

-- +goose Down
DROP TABLE search_index_chunks;
