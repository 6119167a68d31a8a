-- 0012: staff see every notice that may not have reached the patient (docs/notifications.md): dead letters, texts the
-- provider later reported undelivered or failed, and claims left unanswered. The partial index holds only those rows,
-- so the staff view stays small however many notices were sent.

DROP INDEX IF EXISTS notifications.delivery_dead_letters;

CREATE INDEX IF NOT EXISTS delivery_undelivered ON notifications.delivery (created_at)
    WHERE status <> 'sent' OR provider_status IN ('undelivered', 'failed');
