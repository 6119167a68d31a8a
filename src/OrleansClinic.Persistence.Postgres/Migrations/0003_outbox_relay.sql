-- 0003: what the outbox relay and event consumers keep beside the outbox.

-- One row per relay name: whoever holds an unexpired row publishes; the rest wait. expires_at is on the database's
-- clock, so the holders' clocks never have to agree.
CREATE TABLE IF NOT EXISTS outbox.relay_lease
(
    name       text        PRIMARY KEY,
    holder     text        NOT NULL,
    expires_at timestamptz NOT NULL
);

-- Event ids a consumer has already acted on, written in the same transaction as the effect, so a re-delivery is a no-op.
CREATE TABLE IF NOT EXISTS outbox.processed_event
(
    consumer     text        NOT NULL,
    event_id     uuid        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
