-- +goose Up
-- The conversations' embedding vectors saved in chunks of conversation ids,
-- like the search index (search_index_chunks): each vector tagged with the
-- stamp of the conversation text it embeds, each chunk with the vector
-- space (the model) it belongs to, so that a start loads them instead of
-- embedding every conversation again, and never mixes two models' vectors.
CREATE TABLE vector_chunks (
    chunk      BIGINT  NOT NULL,
    tenant_id  BIGINT  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    space      TEXT    NOT NULL,
    data       BYTEA   NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (chunk, tenant_id)
);

-- +goose Down
DROP TABLE vector_chunks;
