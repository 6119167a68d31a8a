-- 0006: a patient's consent history (PatientConsentGrain). Decisions are only ever appended to the state; each is also
-- an outbox event (consent.granted / consent.withdrawn), so the trail outlives any later state.

CREATE TABLE IF NOT EXISTS users_profile.patient_consent
(
    grain_id   text        PRIMARY KEY,
    version    bigint      NOT NULL,
    payload    jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
