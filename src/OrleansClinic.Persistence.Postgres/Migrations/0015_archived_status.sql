-- 0015: the status an archived appointment had, so an erasure request can date the patient's last service from the
-- index (checked in or completed) without reading the archive back.

ALTER TABLE appointments.archived ADD COLUMN IF NOT EXISTS status text;
CREATE INDEX IF NOT EXISTS archived_patient_served ON appointments.archived (patient_id, slot_end) WHERE status IN ('checked_in', 'completed');
