-- 0002: the clinic's schemas, a table per grain state, and the outbox.

-- btree_gist lets one exclusion constraint combine equality on doctor_id with overlap of a time range.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE SCHEMA IF NOT EXISTS doctors;
CREATE SCHEMA IF NOT EXISTS appointments;
CREATE SCHEMA IF NOT EXISTS users_profile;
CREATE SCHEMA IF NOT EXISTS users_pii_vault;
CREATE SCHEMA IF NOT EXISTS staff;
CREATE SCHEMA IF NOT EXISTS audit_logs;
CREATE SCHEMA IF NOT EXISTS outbox;

-- Every grain-state table: the grain id, the version that serves as the ETag, the state as JSON.
CREATE TABLE IF NOT EXISTS doctors.doctor
(
    grain_id   text        PRIMARY KEY,
    version    bigint      NOT NULL,
    payload    jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS doctors.directory
(
    grain_id   text        PRIMARY KEY,
    version    bigint      NOT NULL,
    payload    jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS doctors.schedule_day
(
    grain_id   text        PRIMARY KEY,
    version    bigint      NOT NULL,
    payload    jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS users_profile.patient
(
    grain_id   text        PRIMARY KEY,
    version    bigint      NOT NULL,
    payload    jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS appointments.idempotency_key
(
    grain_id   text        PRIMARY KEY,
    version    bigint      NOT NULL,
    payload    jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The slot columns copy what the payload says so the database itself can refuse a double booking (architecture
-- rule 1): the exclusion constraint holds even if two activations of one schedule grain coexist for a moment.
CREATE TABLE IF NOT EXISTS appointments.appointment
(
    grain_id   text        PRIMARY KEY,
    version    bigint      NOT NULL,
    payload    jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    doctor_id  text,
    patient_id text,
    slot_start timestamptz,
    slot_end   timestamptz,
    status     text,
    holds_slot boolean     NOT NULL DEFAULT false,
    -- A held slot with a missing bound would be an unbounded range and block the doctor's whole calendar.
    CONSTRAINT appointment_held_slot_is_complete CHECK (
        NOT holds_slot OR (doctor_id IS NOT NULL AND slot_start IS NOT NULL AND slot_end IS NOT NULL AND slot_start < slot_end)),
    CONSTRAINT appointment_no_overlapping_held_slot EXCLUDE USING gist (
        doctor_id WITH =,
        tstzrange(slot_start, slot_end) WITH &&) WHERE (holds_slot)
);

CREATE INDEX IF NOT EXISTS appointment_patient_slot ON appointments.appointment (patient_id, slot_start);
CREATE INDEX IF NOT EXISTS appointment_doctor_slot ON appointments.appointment (doctor_id, slot_start);

-- Events committed with the state that raised them; the relay publishes them in sequence order and stamps sent_at.
CREATE TABLE IF NOT EXISTS outbox.event
(
    sequence       bigserial   PRIMARY KEY,
    event_id       uuid        NOT NULL UNIQUE,
    event_type     text        NOT NULL,
    entity_key     text        NOT NULL,
    correlation_id text,
    occurred_at    timestamptz NOT NULL,
    payload        jsonb       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    sent_at        timestamptz NULL
);

-- Partial, so the relay's "next unsent rows in order" stays a short index scan however large the sent history grows.
CREATE INDEX IF NOT EXISTS event_unsent_by_sequence ON outbox.event (sequence) WHERE sent_at IS NULL;
