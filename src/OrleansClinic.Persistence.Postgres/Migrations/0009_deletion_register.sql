-- 0009: the register of deleted records (docs/privacy-vault.md, issue 6): one row per deletion, holding the patient's
-- opaque id, what kind of data went, from which tier, why and when; never the data. Append-only and never purged,
-- so it lives in the audit schema. The access log learns the 'erase' action (partial erasure of a record) and 'lookup' (found by a blind index).

CREATE SCHEMA IF NOT EXISTS audit_logs;

CREATE TABLE IF NOT EXISTS audit_logs.deletion_register
(
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    client_id  text        NOT NULL,
    data_type  text        NOT NULL CHECK (length(data_type) BETWEEN 1 AND 100),
    tier       text        NOT NULL CHECK (tier IN ('hot', 'warm', 'cold')),
    reason     text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    deleted_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS deletion_register_client ON audit_logs.deletion_register (client_id, id);

CREATE OR REPLACE FUNCTION audit_logs.deletion_register_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_logs.deletion_register is append-only';
END;
$$;

DROP TRIGGER IF EXISTS deletion_register_append_only ON audit_logs.deletion_register;
CREATE TRIGGER deletion_register_append_only
    BEFORE UPDATE OR DELETE ON audit_logs.deletion_register
    FOR EACH ROW EXECUTE FUNCTION audit_logs.deletion_register_is_append_only();

DROP TRIGGER IF EXISTS deletion_register_no_truncate ON audit_logs.deletion_register;
CREATE TRIGGER deletion_register_no_truncate
    BEFORE TRUNCATE ON audit_logs.deletion_register
    FOR EACH STATEMENT EXECUTE FUNCTION audit_logs.deletion_register_is_append_only();

ALTER TABLE users_pii_vault.pii_access_log DROP CONSTRAINT IF EXISTS pii_access_log_action_check;
ALTER TABLE users_pii_vault.pii_access_log
    ADD CONSTRAINT pii_access_log_action_check CHECK (action IN ('read', 'store', 'correct', 'shred', 'erase', 'lookup'));
