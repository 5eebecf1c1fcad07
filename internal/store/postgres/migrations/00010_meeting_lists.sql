-- +goose Up
-- The same as SQLite's 00010, in PostgreSQL's types. A viewer's list walks
-- what the viewer may see, newest first, instead of testing every meeting
-- of the tenant until a page is full: the sharing tables carry their
-- meeting's created_at, indexed per grantee, and the meetings shared with
-- every team have an index of their own (a meeting's recorder walks
-- meetings_recorder). A meeting's created_at never changes, so the copies
-- cannot drift. (Search already reads only its tenant's postings here:
-- see meeting_search_document in 00003.)
ALTER TABLE meeting_teams ADD COLUMN created_at TIMESTAMPTZ;
ALTER TABLE meeting_users ADD COLUMN created_at TIMESTAMPTZ;
UPDATE meeting_teams g SET created_at = m.created_at FROM meetings m WHERE m.id = g.meeting_id;
UPDATE meeting_users g SET created_at = m.created_at FROM meetings m WHERE m.id = g.meeting_id;
ALTER TABLE meeting_teams ALTER COLUMN created_at SET NOT NULL;
ALTER TABLE meeting_users ALTER COLUMN created_at SET NOT NULL;
DROP INDEX meeting_teams_team;
DROP INDEX meeting_users_user;
CREATE INDEX meeting_teams_team ON meeting_teams (team_id, created_at DESC, meeting_id DESC);
CREATE INDEX meeting_users_user ON meeting_users (user_id, created_at DESC, meeting_id DESC);
CREATE INDEX meetings_all_teams ON meetings (tenant_id, created_at DESC, id DESC) WHERE share_all_teams;

-- +goose Down
DROP INDEX meetings_all_teams;
DROP INDEX meeting_users_user;
DROP INDEX meeting_teams_team;
CREATE INDEX meeting_teams_team ON meeting_teams (team_id, meeting_id);
CREATE INDEX meeting_users_user ON meeting_users (user_id, meeting_id);
ALTER TABLE meeting_users DROP COLUMN created_at;
ALTER TABLE meeting_teams DROP COLUMN created_at;
