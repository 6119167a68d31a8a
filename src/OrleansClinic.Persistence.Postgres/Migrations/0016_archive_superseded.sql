-- 0016: archive batches whose objects are to be deleted (docs/archive-tiers.md, the retention purge). Purging a patient
-- rewrites each batch that holds their appointments without them; the old batch is listed here in the transaction that
-- repoints the index, and a rewritten batch while it is written, so objects left by a crash between the database and
-- the store are found and deleted by the next purge instead of keeping a purged patient's records forever.

CREATE TABLE IF NOT EXISTS appointments.archive_superseded
(
    manifest_key  text        PRIMARY KEY,
    superseded_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE, DELETE ON appointments.archive_superseded TO clinic_app;
