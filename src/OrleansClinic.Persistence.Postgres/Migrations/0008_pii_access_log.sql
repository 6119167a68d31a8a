-- 0008: who read, stored, corrected or shredded each patient's personal information, and why (docs/privacy-vault.md).
-- Append-only: rows hold opaque ids, a stated purpose and changed field names, never the information itself, so the
-- log is kept after a patient's record is shredded.

CREATE TABLE IF NOT EXISTS users_pii_vault.pii_access_log
(
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id text        NOT NULL,
    action     text        NOT NULL CHECK (action IN ('read', 'store', 'correct', 'shred')),
    actor_id   text        NOT NULL,
    actor_role text        NOT NULL,
    purpose    text        NOT NULL CHECK (length(purpose) BETWEEN 1 AND 200),
    fields     text[]      NOT NULL DEFAULT '{}',
    at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS pii_access_log_patient ON users_pii_vault.pii_access_log (patient_id, id);

CREATE OR REPLACE FUNCTION users_pii_vault.pii_access_log_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'users_pii_vault.pii_access_log is append-only';
END;
$$;

DROP TRIGGER IF EXISTS pii_access_log_append_only ON users_pii_vault.pii_access_log;
CREATE TRIGGER pii_access_log_append_only
    BEFORE UPDATE OR DELETE ON users_pii_vault.pii_access_log
    FOR EACH ROW EXECUTE FUNCTION users_pii_vault.pii_access_log_is_append_only();
