-- +goose Up
-- A recording's audio or video file and the downloads made of it (spec
-- §8.8). The file itself lives in the media directory; a row names it by
-- a path relative to that directory, written after the file is in place.

CREATE TABLE recording_media (
    recording_id INTEGER PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    tenant_id    INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('audio', 'video')),
    content_type TEXT    NOT NULL,
    size_bytes   INTEGER NOT NULL CHECK (size_bytes > 0),
    sha256       TEXT    NOT NULL,
    path         TEXT    NOT NULL UNIQUE,
    created_at   TEXT    NOT NULL
);

-- A download pins the file it was made for (sha256) and the API client
-- that made it, the only one that may read it back.
CREATE TABLE recording_downloads (
    id              TEXT    PRIMARY KEY,
    tenant_id       INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    recording_id    INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client          TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('audio', 'video')),
    content_type    TEXT    NOT NULL,
    size_bytes      INTEGER NOT NULL,
    sha256          TEXT    NOT NULL,
    destination_url TEXT    NOT NULL DEFAULT '',
    created_at      TEXT    NOT NULL,
    expires_at      TEXT    NOT NULL
);
CREATE INDEX recording_downloads_recording ON recording_downloads (recording_id);

-- +goose Down
DROP TABLE recording_downloads;
DROP TABLE recording_media;
