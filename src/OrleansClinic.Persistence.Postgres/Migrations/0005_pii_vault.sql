-- 0005: patients' personal information, one sealed record per patient (docs/privacy-vault.md).
-- Nothing here is readable without the master key: the record is AES-256-GCM ciphertext under its own data key, the
-- data key is stored only wrapped, and email/phone are present only as keyed HMACs (blind indexes).

CREATE SCHEMA IF NOT EXISTS users_pii_vault;

CREATE TABLE IF NOT EXISTS users_pii_vault.patient_pii
(
    patient_id  text        PRIMARY KEY,
    key_version integer     NULL,
    wrapped_key bytea       NULL,
    nonce       bytea       NULL,
    ciphertext  bytea       NULL,
    email_index bytea       NULL,
    phone_index bytea       NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    shredded_at timestamptz NULL,
    -- A live row is complete and a shredded one (a tombstone) holds nothing, so an erasure cannot be half done.
    CONSTRAINT patient_pii_sealed_or_shredded CHECK (
        (shredded_at IS NULL
            AND key_version IS NOT NULL AND wrapped_key IS NOT NULL AND nonce IS NOT NULL AND ciphertext IS NOT NULL)
        OR (shredded_at IS NOT NULL
            AND key_version IS NULL AND wrapped_key IS NULL AND nonce IS NULL AND ciphertext IS NULL
            AND email_index IS NULL AND phone_index IS NULL))
);

-- Partial: tombstones and patients without the contact detail have no index value to find.
CREATE INDEX IF NOT EXISTS patient_pii_email_index ON users_pii_vault.patient_pii (email_index) WHERE email_index IS NOT NULL;
CREATE INDEX IF NOT EXISTS patient_pii_phone_index ON users_pii_vault.patient_pii (phone_index) WHERE phone_index IS NOT NULL;
