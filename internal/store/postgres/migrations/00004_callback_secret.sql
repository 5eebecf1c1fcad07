-- +goose Up
-- The secret that signs a user's asynchronous summary and transcript
-- callbacks (destination_url), made on first use.
ALTER TABLE users ADD COLUMN callback_secret TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE users DROP COLUMN callback_secret;
