-- 0019: appointments whose booking or move is written down but not finished (a saga in the payload), for the silos'
-- unfinished-appointment sweep. It replaces a reminder registered and removed on every booking; this index stays tiny,
-- since an appointment is in it only between its saga's first and last write.
CREATE INDEX IF NOT EXISTS appointment_unfinished ON appointments.appointment (updated_at)
    WHERE (jsonb_typeof(payload -> 'pending') = 'object' OR payload -> 'slotsToRelease' <> '[]'::jsonb);
