-- 0013: the audit trail (docs/audit.md). Entries are sealed into a hash chain by the audit sealer from three sources,
-- each written in the transaction of what it records: outbox.event (every state change, now with its actor),
-- users_pii_vault.pii_access_log (every use of personal information, with its stated purpose) and audit_logs.pending
-- (what the gateway sees: sign-ins). Entries hold opaque ids, roles, actions and purposes, never personal information.

ALTER TABLE outbox.event ADD COLUMN IF NOT EXISTS actor_id text;
ALTER TABLE outbox.event ADD COLUMN IF NOT EXISTS actor_role text;

CREATE TABLE IF NOT EXISTS audit_logs.entry
(
    sequence       bigint      PRIMARY KEY CHECK (sequence > 0),
    at             timestamptz NOT NULL,
    actor_id       text        NOT NULL,
    actor_role     text        NOT NULL,
    action         text        NOT NULL,
    entity_type    text        NOT NULL,
    entity_id      text        NOT NULL,
    correlation_id text,
    outcome        text        NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
    reason         text,
    source         text        NOT NULL CHECK (source IN ('event', 'pii_access', 'gateway')),
    source_id      bigint      NOT NULL,
    previous_hash  bytea       NOT NULL CHECK (length(previous_hash) = 32),
    hash           bytea       NOT NULL CHECK (length(hash) = 32),
    sealed_at      timestamptz NOT NULL DEFAULT now(),
    -- A source row is sealed once, however often the sealer reads it.
    CONSTRAINT entry_source_once UNIQUE (source, source_id)
);

CREATE INDEX IF NOT EXISTS entry_entity ON audit_logs.entry (entity_id, at);
CREATE INDEX IF NOT EXISTS entry_at ON audit_logs.entry (at);

-- What the gateway records itself (sign-ins succeeded or refused), waiting to be sealed.
CREATE TABLE IF NOT EXISTS audit_logs.pending
(
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT now(),
    actor_id       text        NOT NULL,
    actor_role     text        NOT NULL,
    action         text        NOT NULL,
    entity_type    text        NOT NULL,
    entity_id      text        NOT NULL,
    correlation_id text,
    outcome        text        NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
    reason         text
);

-- Per source, the id below which every row is sealed: rows committed late (an id taken before a neighbour's but
-- committed after) are still found, as the sealer looks back past this mark rather than from its last row.
CREATE TABLE IF NOT EXISTS audit_logs.seal_checkpoint
(
    source text   PRIMARY KEY,
    low_id bigint NOT NULL
);

CREATE OR REPLACE FUNCTION audit_logs.audit_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME;
END;
$$;

DROP TRIGGER IF EXISTS entry_append_only ON audit_logs.entry;
CREATE TRIGGER entry_append_only BEFORE UPDATE OR DELETE ON audit_logs.entry
    FOR EACH ROW EXECUTE FUNCTION audit_logs.audit_is_append_only();
DROP TRIGGER IF EXISTS entry_no_truncate ON audit_logs.entry;
CREATE TRIGGER entry_no_truncate BEFORE TRUNCATE ON audit_logs.entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_logs.audit_is_append_only();
DROP TRIGGER IF EXISTS pending_append_only ON audit_logs.pending;
CREATE TRIGGER pending_append_only BEFORE UPDATE OR DELETE ON audit_logs.pending
    FOR EACH ROW EXECUTE FUNCTION audit_logs.audit_is_append_only();
DROP TRIGGER IF EXISTS pending_no_truncate ON audit_logs.pending;
CREATE TRIGGER pending_no_truncate BEFORE TRUNCATE ON audit_logs.pending
    FOR EACH STATEMENT EXECUTE FUNCTION audit_logs.audit_is_append_only();
DROP TRIGGER IF EXISTS pii_access_log_no_truncate ON users_pii_vault.pii_access_log;
CREATE TRIGGER pii_access_log_no_truncate BEFORE TRUNCATE ON users_pii_vault.pii_access_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_logs.audit_is_append_only();

-- The role the clinic's processes run as (a login role granted clinic_app; docs/audit.md): full use of the clinic's
-- tables, but only INSERT and SELECT on the audit records, so even a bug or a stolen application password cannot
-- rewrite them. Roles are per server, so another database's migration may create it at the same moment.
DO $$
BEGIN
    CREATE ROLE clinic_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$;

GRANT USAGE ON SCHEMA public, doctors, appointments, users_profile, users_pii_vault, staff, outbox, orleans_state,
    notifications, audit_logs TO clinic_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public, doctors, appointments, users_profile,
    users_pii_vault, staff, outbox, orleans_state, notifications TO clinic_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public, doctors, appointments, users_profile, users_pii_vault, staff,
    outbox, orleans_state, notifications, audit_logs TO clinic_app;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO clinic_app;
REVOKE UPDATE, DELETE, TRUNCATE ON users_pii_vault.pii_access_log FROM clinic_app;
GRANT SELECT, INSERT ON audit_logs.entry, audit_logs.pending, audit_logs.deletion_register TO clinic_app;
GRANT SELECT, INSERT, UPDATE ON audit_logs.seal_checkpoint TO clinic_app;
