-- 0001: what Orleans' ADO.NET clustering and reminders (invariant "Npgsql") read and write.
-- Orleans loads its statements from OrleansQuery by key and binds the @-parameters named there; the keys, parameter
-- names and result column names below are that contract. Everything else (function bodies, locking) is ours.
-- The tables stay in the public schema because Orleans' statements name them unqualified.

CREATE TABLE IF NOT EXISTS public.orleansquery
(
    querykey  varchar(64)   NOT NULL,
    querytext varchar(8000) NOT NULL,
    CONSTRAINT orleansquery_key PRIMARY KEY (querykey)
);

-- Membership: one version row per cluster (deployment); every membership change bumps it, which is how Orleans detects
-- concurrent table updates.
CREATE TABLE IF NOT EXISTS public.orleansmembershipversiontable
(
    deploymentid varchar(150)   NOT NULL,
    timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT pk_orleansmembershipversiontable_deploymentid PRIMARY KEY (deploymentid)
);

CREATE TABLE IF NOT EXISTS public.orleansmembershiptable
(
    deploymentid varchar(150)   NOT NULL,
    address      varchar(45)    NOT NULL,
    port         integer        NOT NULL,
    generation   integer        NOT NULL,
    siloname     varchar(150)   NOT NULL,
    hostname     varchar(150)   NOT NULL,
    status       integer        NOT NULL,
    proxyport    integer        NULL,
    suspecttimes varchar(8000)  NULL,
    starttime    timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,
    CONSTRAINT pk_membershiptable_deploymentid PRIMARY KEY (deploymentid, address, port, generation),
    CONSTRAINT fk_membershiptable_membershipversiontable_deploymentid
        FOREIGN KEY (deploymentid) REFERENCES public.orleansmembershipversiontable (deploymentid)
);

CREATE TABLE IF NOT EXISTS public.orleansreminderstable
(
    serviceid    varchar(150)   NOT NULL,
    grainid      varchar(150)   NOT NULL,
    remindername varchar(150)   NOT NULL,
    starttime    timestamptz(3) NOT NULL,
    period       bigint         NOT NULL,
    grainhash    integer        NOT NULL,
    version      integer        NOT NULL,
    CONSTRAINT pk_reminderstable_serviceid_grainid_remindername PRIMARY KEY (serviceid, grainid, remindername)
);

-- Returns 1 when the cluster's version row was created by this call, 0 when it already existed.
CREATE OR REPLACE FUNCTION public.insert_membership_version(p_deployment_id text)
RETURNS TABLE (row_count integer)
LANGUAGE sql
AS $fn$
    WITH created AS (
        INSERT INTO public.orleansmembershipversiontable (deploymentid)
        VALUES (p_deployment_id)
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer FROM created;
$fn$;

-- Adds a silo and bumps the cluster version, both or neither. Locking the version row first (re-checked against the
-- expected version once the lock is ours) serialises membership writers, so no savepoint is needed to undo a half.
CREATE OR REPLACE FUNCTION public.insert_membership(
    p_deployment_id text,
    p_address text,
    p_port integer,
    p_generation integer,
    p_silo_name text,
    p_host_name text,
    p_status integer,
    p_proxy_port integer,
    p_start_time timestamptz,
    p_i_am_alive_time timestamptz,
    p_version integer)
RETURNS TABLE (row_count integer)
LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM 1 FROM public.orleansmembershipversiontable
    WHERE deploymentid = p_deployment_id AND version = p_version
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    INSERT INTO public.orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
         p_start_time, p_i_am_alive_time)
    ON CONFLICT (deploymentid, address, port, generation) DO NOTHING;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    UPDATE public.orleansmembershipversiontable
    SET version = version + 1, timestamp = now()
    WHERE deploymentid = p_deployment_id;
    RETURN QUERY SELECT 1;
END
$fn$;

-- Changes a silo's status and suspicions and bumps the cluster version, both or neither (same locking as above).
CREATE OR REPLACE FUNCTION public.update_membership(
    p_deployment_id text,
    p_address text,
    p_port integer,
    p_generation integer,
    p_status integer,
    p_suspect_times text,
    p_i_am_alive_time timestamptz,
    p_version integer)
RETURNS TABLE (row_count integer)
LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM 1 FROM public.orleansmembershipversiontable
    WHERE deploymentid = p_deployment_id AND version = p_version
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    UPDATE public.orleansmembershiptable
    SET status = p_status, suspecttimes = p_suspect_times, iamalivetime = p_i_am_alive_time
    WHERE deploymentid = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 0;
        RETURN;
    END IF;

    UPDATE public.orleansmembershipversiontable
    SET version = version + 1, timestamp = now()
    WHERE deploymentid = p_deployment_id;
    RETURN QUERY SELECT 1;
END
$fn$;

-- The liveness heartbeat deliberately does not bump the cluster version: it is not a membership change.
CREATE OR REPLACE FUNCTION public.update_i_am_alive_time(
    p_deployment_id text,
    p_address text,
    p_port integer,
    p_generation integer,
    p_i_am_alive_time timestamptz)
RETURNS void
LANGUAGE sql
AS $fn$
    UPDATE public.orleansmembershiptable
    SET iamalivetime = p_i_am_alive_time
    WHERE deploymentid = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation;
$fn$;

-- Creates or replaces a reminder; its version starts at 0 and grows on every replacement (the reminder's ETag).
CREATE OR REPLACE FUNCTION public.upsert_reminder_row(
    p_service_id text,
    p_grain_id text,
    p_reminder_name text,
    p_start_time timestamptz,
    p_period bigint,
    p_grain_hash integer)
RETURNS TABLE (version integer)
LANGUAGE sql
AS $fn$
    INSERT INTO public.orleansreminderstable AS r
        (serviceid, grainid, remindername, starttime, period, grainhash, version)
    VALUES (p_service_id, p_grain_id, p_reminder_name, p_start_time, p_period, p_grain_hash, 0)
    ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
        SET starttime = excluded.starttime,
            period = excluded.period,
            grainhash = excluded.grainhash,
            version = r.version + 1
    RETURNING r.version;
$fn$;

-- Deletes a reminder only at the version the caller last saw; returns how many rows went (0 or 1).
CREATE OR REPLACE FUNCTION public.delete_reminder_row(
    p_service_id text,
    p_grain_id text,
    p_reminder_name text,
    p_version integer)
RETURNS TABLE (row_count integer)
LANGUAGE sql
AS $fn$
    WITH deleted AS (
        DELETE FROM public.orleansreminderstable
        WHERE serviceid = p_service_id AND grainid = p_grain_id AND remindername = p_reminder_name
          AND version = p_version
        RETURNING 1
    )
    SELECT count(*)::integer FROM deleted;
$fn$;

-- Upserted rather than inserted so our statement text wins over rows left by Orleans' own scripts in a reused database.
INSERT INTO public.orleansquery (querykey, querytext)
VALUES
('InsertMembershipVersionKey', '
    SELECT * FROM insert_membership_version(@DeploymentId);
'),
('InsertMembershipKey', '
    SELECT * FROM insert_membership(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
'),
('UpdateMembershipKey', '
    SELECT * FROM update_membership(
        @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);
'),
('UpdateIAmAlivetimeKey', '
    SELECT * FROM update_i_am_alive_time(@DeploymentId, @Address, @Port, @Generation, @IAmAliveTime);
'),
('MembershipReadRowKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m
        ON m.DeploymentId = v.DeploymentId
       AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;
'),
('MembershipReadAllKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;
'),
('DeleteMembershipTableEntriesKey', '
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
'),
('GatewaysQueryKey', '
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
'),
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3;
'),
('UpsertReminderRowKey', '
    SELECT * FROM upsert_reminder_row(@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash);
'),
('ReadReminderRowsKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
'),
('ReadReminderRowKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
'),
('ReadRangeRows1Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
'),
('ReadRangeRows2Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
'),
('DeleteReminderRowKey', '
    SELECT * FROM delete_reminder_row(@ServiceId, @GrainId, @ReminderName, @Version);
'),
('DeleteReminderRowsKey', '
    DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
')
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
