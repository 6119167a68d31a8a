-- 0014: tiering appointments to the archive (docs/archive-tiers.md). Where each archived appointment went, so a
-- patient's access request and the retention purge find it without reading the archive; and the tiering job's state.

CREATE TABLE IF NOT EXISTS appointments.archived
(
    appointment_id text        PRIMARY KEY,
    patient_id     text,
    doctor_id      text,
    slot_start     timestamptz,
    slot_end       timestamptz,
    manifest_key   text        NOT NULL,
    archived_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS archived_patient ON appointments.archived (patient_id);

CREATE TABLE IF NOT EXISTS appointments.tiering_run
(
    grain_id   text        PRIMARY KEY,
    version    bigint      NOT NULL,
    payload    jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The tables above are the clinic's like any other (migration 0013 granted what existed then).
GRANT SELECT, INSERT, UPDATE, DELETE ON appointments.archived, appointments.tiering_run TO clinic_app;
