-- 0010: reassignment workflows (ReassignmentWorkflowGrain): the window, where the workflow stands and what became of
-- each affected appointment, saved after every step so a resumed workflow never repeats one (docs/reassignment.md).

CREATE TABLE IF NOT EXISTS appointments.reassignment_workflow
(
    grain_id   text        PRIMARY KEY,
    version    bigint      NOT NULL,
    payload    jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
