-- 0018: the name index of the PII vault (docs/privacy-vault.md, "Finding a patient by name"). One row per distinct
-- token of a patient's given and family names, held only as a keyed HMAC, so the front desk can find a patient by name
-- without a name in the database. The vault replaces a patient's rows with every store and deletes them when the record
-- is shredded; records stored before this migration are indexed by the vault after start-up (IndexNamesAsync).

CREATE TABLE IF NOT EXISTS users_pii_vault.patient_name_token
(
    token      bytea NOT NULL,
    patient_id text  NOT NULL REFERENCES users_pii_vault.patient_pii (patient_id) ON DELETE CASCADE,
    PRIMARY KEY (token, patient_id)
);

-- A patient's own rows: replaced on store, deleted on shred, and missing for records not yet indexed.
CREATE INDEX IF NOT EXISTS patient_name_token_patient ON users_pii_vault.patient_name_token (patient_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON users_pii_vault.patient_name_token TO clinic_app;
