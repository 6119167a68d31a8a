-- 0007: staff members (StaffGrain): an opaque id, roles, an optional linked doctor and the append-only history of role
-- changes. No names or contact details live here; each change is also an outbox event (staff.created /
-- staff.roles_changed).

CREATE TABLE IF NOT EXISTS users_profile.staff_member
(
    grain_id   text        PRIMARY KEY,
    version    bigint      NOT NULL,
    payload    jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
