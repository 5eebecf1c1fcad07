-- +goose Up
-- A meeting's analytics (talk time, sides, questions, monologues), derived
-- when it is processed so that reports across meetings never read
-- transcripts. The same table and columns, in the same order, as SQLite's
-- 00019. speakers is a JSON array, one entry per speaker. Meetings
-- processed before this migration get theirs when first asked for (the
-- meeting service's backfill), so nothing is computed here.
CREATE TABLE meeting_analytics (
    meeting_id BIGINT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    tenant_id  BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    length_ms  BIGINT NOT NULL DEFAULT 0,
    speakers   TEXT   NOT NULL DEFAULT '[]'
);

-- +goose Down
DROP TABLE meeting_analytics;
