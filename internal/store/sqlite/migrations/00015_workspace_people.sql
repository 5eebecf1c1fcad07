-- +goose Up
-- The workspace's meeting types and its people's standing: what
-- GET /meeting_types and GET /users report (spec §8.8, §8.9).

-- Meeting types are named per workspace, active or inactive. Every
-- meeting_type a meeting already carries becomes one, active, dated by
-- the first meeting that carried it.
CREATE TABLE meeting_types (
    id         INTEGER PRIMARY KEY,
    tenant_id  INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    status     TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    created_at TEXT    NOT NULL,
    UNIQUE (tenant_id, name)
);
INSERT INTO meeting_types (tenant_id, name, created_at)
SELECT tenant_id, meeting_type, min(created_at) FROM meetings WHERE meeting_type <> ''
GROUP BY tenant_id, meeting_type ORDER BY min(created_at), tenant_id, meeting_type;

-- A user is active or deactivated, and has a settings access level.
ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'deactivated'));
ALTER TABLE users ADD COLUMN settings_access TEXT NOT NULL DEFAULT 'none'
    CHECK (settings_access IN ('none', 'team_admin', 'account_admin'));

-- People invited to the workspace who have not joined yet. Adding a user
-- with the email ends the invitation.
CREATE TABLE user_invitations (
    id         INTEGER PRIMARY KEY,
    tenant_id  INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email      TEXT    NOT NULL,
    name       TEXT    NOT NULL DEFAULT '',
    team_id    INTEGER REFERENCES teams (id) ON DELETE SET NULL,
    created_at TEXT    NOT NULL,
    UNIQUE (tenant_id, email)
);

-- +goose Down
DROP TABLE user_invitations;
ALTER TABLE users DROP COLUMN settings_access;
ALTER TABLE users DROP COLUMN status;
DROP TABLE meeting_types;
