-- +goose Up
-- A recording's audio or video file and the downloads made of it (spec
-- §8.8). The same tables and columns, in the same order, as SQLite's
-- 00017. The file itself lives in the media directory, shared by every
-- server; a row names it by a path relative to that directory, written
-- after the file is in place.

CREATE TABLE recording_media (
    recording_id BIGINT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    tenant_id    BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind         TEXT   NOT NULL CHECK (kind IN ('audio', 'video')),
    content_type TEXT   NOT NULL,
    size_bytes   BIGINT NOT NULL CHECK (size_bytes > 0),
    sha256       TEXT   NOT NULL,
    path         TEXT   NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL
);

-- A download pins the file it was made for (sha256) and the API client
-- that made it, the only one that may read it back.
CREATE TABLE recording_downloads (
    id              TEXT   PRIMARY KEY,
    tenant_id       BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    recording_id    BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client          TEXT   NOT NULL,
    kind            TEXT   NOT NULL CHECK (kind IN ('audio', 'video')),
    content_type    TEXT   NOT NULL,
    size_bytes      BIGINT NOT NULL,
    sha256          TEXT   NOT NULL,
    destination_url TEXT   NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX recording_downloads_recording ON recording_downloads (recording_id);

-- +goose Down
DROP TABLE recording_downloads;
DROP TABLE recording_media;
