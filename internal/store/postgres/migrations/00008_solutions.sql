-- +goose Up
-- A solution that hands the conversation over (to another team, a
-- specialist, a supervisor) is an escalation, not a fix.
ALTER TABLE solutions ADD COLUMN escalation BOOLEAN NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE solutions DROP COLUMN escalation;
