-- +goose Up
-- PostgreSQL never gives a conversation's id again (its sequence only
-- moves forward); SQLite's migration 00022 makes SQLite do the same. Both
-- engines keep the same schema version, which copy, backup and restore
-- compare.
SELECT 1;

-- +goose Down
SELECT 1;
