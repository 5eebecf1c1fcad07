-- +goose Up
-- The gateway's connections: one per user per upstream account, with the
-- OAuth tokens the gateway injects. Every secret column holds ciphertext
-- (AES-256-GCM, sealed by the gateway service with the server's key) or a
-- SHA-256 hash; no plaintext token is ever stored.
CREATE TABLE gateway_connections (
    id              TEXT    PRIMARY KEY,
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    app             TEXT    NOT NULL,
    method          TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    session_hash    TEXT    NOT NULL UNIQUE,
    state_hash      TEXT    UNIQUE,
    session_sealed  BLOB    NOT NULL,
    verifier_sealed BLOB,
    access_sealed   BLOB,
    refresh_sealed  BLOB,
    expires_at      TEXT,
    metadata        TEXT    NOT NULL DEFAULT '{}',
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);

CREATE INDEX gateway_connections_owner ON gateway_connections (user_id, created_at);

-- +goose Down
DROP TABLE gateway_connections;
