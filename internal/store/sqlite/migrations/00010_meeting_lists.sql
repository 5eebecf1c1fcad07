-- +goose Up
-- A viewer's list walks what the viewer may see, newest first, instead of
-- testing every meeting of the tenant until a page is full: the sharing
-- tables carry their meeting's created_at, indexed per grantee, and the
-- meetings shared with every team have an index of their own (a meeting's
-- recorder walks meetings_recorder). A meeting's created_at never changes,
-- so the copies cannot drift.
ALTER TABLE meeting_teams ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
ALTER TABLE meeting_users ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
UPDATE meeting_teams SET created_at = (SELECT m.created_at FROM meetings m WHERE m.id = meeting_teams.meeting_id);
UPDATE meeting_users SET created_at = (SELECT m.created_at FROM meetings m WHERE m.id = meeting_users.meeting_id);
DROP INDEX meeting_teams_team;
DROP INDEX meeting_users_user;
CREATE INDEX meeting_teams_team ON meeting_teams (team_id, created_at DESC, meeting_id DESC);
CREATE INDEX meeting_users_user ON meeting_users (user_id, created_at DESC, meeting_id DESC);
CREATE INDEX meetings_all_teams ON meetings (tenant_id, created_at DESC, id DESC) WHERE share_all_teams = 1;

-- A search reads only its tenant's postings: each row also carries its
-- tenant as a token ('t42') in an indexed column, tenant, and a search asks
-- for that token AND its words, which FTS5 answers by stepping through the
-- posting lists together (tenant_id is UNINDEXED: before, a common word
-- read the postings of every tenant, and rows of other tenants were
-- dropped after the join). The columns before it are PostgreSQL's.
CREATE VIRTUAL TABLE meeting_search_by_tenant USING fts5 (
    text,
    speaker UNINDEXED,
    kind UNINDEXED,
    at_ms UNINDEXED,
    meeting_id UNINDEXED,
    tenant_id UNINDEXED,
    tenant,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO meeting_search_by_tenant (rowid, text, speaker, kind, at_ms, meeting_id, tenant_id, tenant)
SELECT rowid, text, speaker, kind, at_ms, meeting_id, tenant_id, 't' || tenant_id FROM meeting_search;
DROP TABLE meeting_search;
ALTER TABLE meeting_search_by_tenant RENAME TO meeting_search;

-- +goose Down
CREATE VIRTUAL TABLE meeting_search_all USING fts5 (
    text,
    speaker UNINDEXED,
    kind UNINDEXED,
    at_ms UNINDEXED,
    meeting_id UNINDEXED,
    tenant_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO meeting_search_all (rowid, text, speaker, kind, at_ms, meeting_id, tenant_id)
SELECT rowid, text, speaker, kind, at_ms, meeting_id, tenant_id FROM meeting_search;
DROP TABLE meeting_search;
ALTER TABLE meeting_search_all RENAME TO meeting_search;
DROP INDEX meetings_all_teams;
DROP INDEX meeting_users_user;
DROP INDEX meeting_teams_team;
CREATE INDEX meeting_teams_team ON meeting_teams (team_id, meeting_id);
CREATE INDEX meeting_users_user ON meeting_users (user_id, meeting_id);
ALTER TABLE meeting_users DROP COLUMN created_at;
ALTER TABLE meeting_teams DROP COLUMN created_at;
