-- +goose Up
-- Analysis reads a tenant's dirty conversations in id order (the order
-- they were created in) rather than by their last write, so that what the
-- models learn from a backlog does not depend on when each conversation
-- was last written: the index gives that order without sorting the whole
-- backlog in every round.
DROP INDEX conversations_dirty;
CREATE INDEX conversations_dirty ON conversations (tenant_id, id) WHERE dirty;

-- +goose Down
DROP INDEX conversations_dirty;
CREATE INDEX conversations_dirty ON conversations (tenant_id, updated_at) WHERE dirty;
