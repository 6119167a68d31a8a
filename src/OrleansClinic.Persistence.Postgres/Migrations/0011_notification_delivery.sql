-- 0011: the notification ledger (docs/notifications.md): one row per (appointment, kind, version, channel), inserted
-- before the provider is called, so a redelivered event, a retry or a restart never sends a notice twice. Holds ids,
-- channel, kind and outcome only, never the recipient or the text.

CREATE SCHEMA IF NOT EXISTS notifications;

CREATE TABLE IF NOT EXISTS notifications.delivery
(
    key         text        PRIMARY KEY,
    patient_id  text        NOT NULL,
    channel     text        NOT NULL CHECK (channel IN ('sms', 'email')),
    kind        text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('claimed', 'sent', 'dead_letter')),
    attempts    integer     NOT NULL DEFAULT 0,
    provider_id text,
    -- what the provider reported after accepting it (Twilio status callbacks: delivered, undelivered, failed, ...)
    provider_status text,
    last_error  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS delivery_patient ON notifications.delivery (patient_id, created_at);
CREATE INDEX IF NOT EXISTS delivery_provider_id ON notifications.delivery (provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS delivery_dead_letters ON notifications.delivery (created_at) WHERE status = 'dead_letter';
