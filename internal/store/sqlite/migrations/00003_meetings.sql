-- +goose Up
-- The meetings API: the workspace (teams, domains), recordings with their
-- transcripts, summaries and action items, webhooks and their deliveries.

CREATE TABLE teams (
    id         INTEGER PRIMARY KEY,
    tenant_id  INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    UNIQUE (tenant_id, name)
);

ALTER TABLE users ADD COLUMN team_id INTEGER REFERENCES teams (id) ON DELETE SET NULL;

-- The email domains that make a person internal to the workspace.
CREATE TABLE tenant_domains (
    tenant_id INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    domain    TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, domain)
) WITHOUT ROWID;

CREATE TABLE meetings (
    id                INTEGER PRIMARY KEY,
    tenant_id         INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    recorder_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The recorder's team and standing when the meeting was recorded:
    -- what the teams[] and recorded_by[] filters match.
    recorder_team_id  INTEGER NOT NULL DEFAULT 0,
    recorder_external INTEGER NOT NULL DEFAULT 0,
    external_key      TEXT,
    title             TEXT    NOT NULL,
    meeting_title     TEXT    NOT NULL DEFAULT '',
    meeting_type      TEXT    NOT NULL DEFAULT '',
    meeting_url       TEXT    NOT NULL DEFAULT '',
    share_token       TEXT    NOT NULL,
    created_at        TEXT    NOT NULL,
    scheduled_start   TEXT,
    scheduled_end     TEXT,
    recording_start   TEXT    NOT NULL,
    recording_end     TEXT    NOT NULL,
    language          TEXT    NOT NULL DEFAULT '',
    status            TEXT    NOT NULL DEFAULT 'processing',
    share_all_teams   INTEGER NOT NULL DEFAULT 0,
    external          INTEGER NOT NULL DEFAULT 0,
    company_domain    TEXT    NOT NULL DEFAULT '',
    invitees          TEXT    NOT NULL DEFAULT '[]',
    summary_template  TEXT,
    summary_markdown  TEXT,
    processed_at      TEXT,
    UNIQUE (tenant_id, external_key)
);
CREATE INDEX meetings_created ON meetings (tenant_id, created_at DESC, id DESC);
-- recorder_team_id trails meetings_company so that a company list filtered
-- by team tests the team in the index and reads only matching rows.
CREATE INDEX meetings_company ON meetings (tenant_id, company_domain, created_at DESC, id DESC, recorder_team_id);
CREATE INDEX meetings_team ON meetings (tenant_id, recorder_team_id, created_at DESC, id DESC);
CREATE INDEX meetings_recorder ON meetings (recorder_id, created_at DESC, id DESC);
-- The processing backlog (MeetingCountProcessing) without reading every meeting.
CREATE INDEX meetings_processing ON meetings (status) WHERE status = 'processing';

CREATE TABLE meeting_teams (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    team_id    INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, team_id)
) WITHOUT ROWID;
CREATE INDEX meeting_teams_team ON meeting_teams (team_id, meeting_id);

CREATE TABLE meeting_users (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, user_id)
) WITHOUT ROWID;
CREATE INDEX meeting_users_user ON meeting_users (user_id, meeting_id);

-- Large content lives apart from the meeting row so that lists stay cheap.
-- transcript and action_items are JSON arrays.
CREATE TABLE meeting_contents (
    meeting_id   INTEGER PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    transcript   TEXT NOT NULL DEFAULT '[]',
    action_items TEXT NOT NULL DEFAULT '[]'
);

-- Full-text search over transcripts, summaries and action items: one row
-- per utterance, summary line or action item.
CREATE VIRTUAL TABLE meeting_search USING fts5 (
    text,
    speaker UNINDEXED,
    kind UNINDEXED,
    at_ms UNINDEXED,
    meeting_id UNINDEXED,
    tenant_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TABLE webhooks (
    id                   TEXT    PRIMARY KEY,
    tenant_id            INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id              INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    url                  TEXT    NOT NULL,
    secret               TEXT    NOT NULL,
    include_transcript   INTEGER NOT NULL DEFAULT 0,
    include_summary      INTEGER NOT NULL DEFAULT 0,
    include_action_items INTEGER NOT NULL DEFAULT 0,
    include_crm_matches  INTEGER NOT NULL DEFAULT 0,
    triggered_for        TEXT    NOT NULL,
    created_at           TEXT    NOT NULL,
    deleted_at           TEXT
);
CREATE INDEX webhooks_tenant ON webhooks (tenant_id) WHERE deleted_at IS NULL;

CREATE TABLE deliveries (
    id           INTEGER PRIMARY KEY,
    tenant_id    INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    webhook_id   TEXT    NOT NULL DEFAULT '',
    meeting_id   INTEGER NOT NULL DEFAULT 0,
    url          TEXT    NOT NULL,
    secret       TEXT    NOT NULL DEFAULT '',
    message_id   TEXT    NOT NULL UNIQUE,
    body         BLOB    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'pending',
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_status  INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT    NOT NULL DEFAULT '',
    created_at   TEXT    NOT NULL,
    delivered_at TEXT
);
CREATE INDEX deliveries_webhook ON deliveries (webhook_id, id DESC);

CREATE TABLE delivery_attempts (
    delivery_id INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    attempt     INTEGER NOT NULL,
    at          TEXT    NOT NULL,
    status_code INTEGER NOT NULL DEFAULT 0,
    error       TEXT    NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL DEFAULT 0,
    response    TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (delivery_id, attempt)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE delivery_attempts;
DROP TABLE deliveries;
DROP TABLE webhooks;
DROP TABLE meeting_search;
DROP TABLE meeting_contents;
DROP TABLE meeting_users;
DROP TABLE meeting_teams;
DROP TABLE meetings;
DROP TABLE tenant_domains;
ALTER TABLE users DROP COLUMN team_id;
DROP TABLE teams;
