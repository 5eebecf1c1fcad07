-- +goose Up
-- The web pages' sign-in sessions, stored by the SHA-256 hash of their
-- token so that every server behind one database knows them and a
-- restart signs no one out; and the lookup of a meeting by its share
-- link. The same tables and columns, in the same order, as PostgreSQL's
-- 00016.
CREATE TABLE web_sessions (
    hash       TEXT    PRIMARY KEY,
    tenant_id  INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);
CREATE INDEX meetings_share_token ON meetings (share_token);

-- +goose Down
DROP INDEX meetings_share_token;
DROP TABLE web_sessions;
