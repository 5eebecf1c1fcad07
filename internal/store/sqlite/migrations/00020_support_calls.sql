-- +goose Up
-- The rules that mark a workspace's meetings as support calls, whose
-- transcripts become Context API conversations: a meeting type's name, or
-- an email domain of calendar invitees. A meeting is a support call when
-- any rule of its workspace holds.
CREATE TABLE support_call_rules (
    tenant_id INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind      TEXT    NOT NULL CHECK (kind IN ('meeting_type', 'invitee_domain')),
    value     TEXT    NOT NULL,
    PRIMARY KEY (tenant_id, kind, value)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE support_call_rules;
