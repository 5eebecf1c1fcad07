-- +goose Up
-- A solution that hands the conversation over (to another team, a
-- specialist, a supervisor) is an escalation, not a fix.
ALTER TABLE solutions ADD COLUMN escalation INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE solutions DROP COLUMN escalation;
