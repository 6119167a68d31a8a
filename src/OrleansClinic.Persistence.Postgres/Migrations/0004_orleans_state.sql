-- 0004: grain state that Orleans itself keeps (stream subscriptions in "PubSubStore" and the like).
-- The payload is whatever Orleans' own serializer produces: these are runtime types (GrainId, sets of subscription
-- records) that have no JSON contract, so unlike the clinic's tables the row is opaque bytes to SQL.

CREATE SCHEMA IF NOT EXISTS orleans_state;

-- One table for every such state name; version serves as the ETag, as in the clinic's own state tables.
CREATE TABLE IF NOT EXISTS orleans_state.grain_state
(
    state_name text        NOT NULL,
    grain_id   text        NOT NULL,
    version    bigint      NOT NULL,
    payload    bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (state_name, grain_id)
);
