-- 0017: the clinic's staff list (StaffDirectoryGrain): one row holding each member's id, roles, linked doctor and when
-- they were added, kept current by the members' own grains. Ids and roles only, like users_profile.staff_member.

CREATE TABLE IF NOT EXISTS users_profile.staff_directory
(
    grain_id   text        PRIMARY KEY,
    version    bigint      NOT NULL,
    payload    jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Members added before this migration are listed from their own rows, so the list is whole from the first start rather
-- than filling in as each member next changes. The shapes are the grains' state JSON (ClinicStateJson): the member's
-- grain id is 'staff/{id}', the one directory's 'staffdirectory/clinic' (IStaffDirectoryGrain.ClinicKey).
INSERT INTO users_profile.staff_directory (grain_id, version, payload)
SELECT 'staffdirectory/clinic', 1, jsonb_build_object('members', jsonb_object_agg(m.id, jsonb_build_object(
    'id', m.id, 'roles', m.payload -> 'roles', 'doctorId', m.payload -> 'doctorId', 'createdAt', m.payload -> 'createdAt')))
FROM (SELECT substr(grain_id, strpos(grain_id, '/') + 1) AS id, payload
      FROM users_profile.staff_member
      WHERE payload ->> 'createdAt' IS NOT NULL) AS m
HAVING count(*) > 0
ON CONFLICT (grain_id) DO NOTHING;

GRANT SELECT, INSERT, UPDATE, DELETE ON users_profile.staff_directory TO clinic_app;
