-- +goose Up
-- The OAuth 2.0 authorization server. Apps are server-wide; a grant is a
-- user's consent to an app and the family of every code and token issued
-- from it. Secrets, codes and tokens are stored only as SHA-256 hashes.
ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';

CREATE TABLE oauth_apps (
    id            INTEGER PRIMARY KEY,
    client_id     TEXT    NOT NULL UNIQUE,
    secret_hash   TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    redirect_uris TEXT    NOT NULL, -- JSON array, compared exactly
    created_at    TEXT    NOT NULL
);

CREATE TABLE oauth_grants (
    id         INTEGER PRIMARY KEY,
    app_id     INTEGER NOT NULL REFERENCES oauth_apps (id) ON DELETE CASCADE,
    tenant_id  INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope      TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    revoked_at TEXT
);
CREATE INDEX oauth_grants_app ON oauth_grants (app_id);
CREATE INDEX oauth_grants_user ON oauth_grants (user_id);

CREATE TABLE oauth_codes (
    hash             TEXT    PRIMARY KEY,
    app_id           INTEGER NOT NULL REFERENCES oauth_apps (id) ON DELETE CASCADE,
    tenant_id        INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    redirect_uri     TEXT    NOT NULL,
    scope            TEXT    NOT NULL,
    challenge        TEXT    NOT NULL DEFAULT '',
    challenge_method TEXT    NOT NULL DEFAULT '',
    created_at       TEXT    NOT NULL,
    expires_at       TEXT    NOT NULL,
    used_at          TEXT,
    grant_id         INTEGER REFERENCES oauth_grants (id) ON DELETE SET NULL
);
CREATE INDEX oauth_codes_app ON oauth_codes (app_id);

CREATE TABLE oauth_tokens (
    id          INTEGER PRIMARY KEY,
    grant_id    INTEGER NOT NULL REFERENCES oauth_grants (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('access', 'refresh')),
    hash        TEXT    NOT NULL UNIQUE,
    expires_at  TEXT,
    created_at  TEXT    NOT NULL,
    rotated_at  TEXT,
    replaced_by INTEGER,
    successor   BLOB,
    revoked_at  TEXT
);
CREATE INDEX oauth_tokens_grant ON oauth_tokens (grant_id);

-- +goose Down
DROP TABLE oauth_tokens;
DROP TABLE oauth_codes;
DROP TABLE oauth_grants;
DROP TABLE oauth_apps;
ALTER TABLE users DROP COLUMN password_hash;
