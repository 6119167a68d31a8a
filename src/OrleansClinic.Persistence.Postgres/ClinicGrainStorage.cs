using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Persistence.Postgres.Options;

namespace OrleansClinic.Persistence.Postgres;

/// <summary>
/// Grain storage on PostgreSQL: a table per state name, the row's version as the ETag, and a state's pending outbox
/// events committed in the same transaction as the state (architecture rules 1 and 2).
/// </summary>
public sealed class ClinicGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    /// <summary>
    /// Silo lifecycle stage at which migrations run: before the membership table starts (RuntimeGrainServices), because
    /// Orleans' ADO.NET clustering reads its statements from tables the migrations create.
    /// </summary>
    public const int MigrationStage = ServiceLifecycleStage.RuntimeInitialize;

    private const string ExclusionViolation = "23P01";
    private const string UniqueViolation = "23505";

    private readonly string name;
    private readonly ClinicStorageOptions options;
    private readonly NpgsqlDataSource dataSource;
    private readonly ILogger logger;
    private readonly ILoggerFactory loggerFactory;

    /// <summary>Creates the storage provider called <paramref name="name"/> on the database in <paramref name="options"/>.</summary>
    public ClinicGrainStorage(string name, ClinicStorageOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        new ClinicStorageOptionsValidator(options, name).ValidateConfiguration();
        this.name = name;
        this.options = options;
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        logger = this.loggerFactory.CreateLogger<ClinicGrainStorage>();
        dataSource = new NpgsqlDataSourceBuilder(options.ConnectionString).UseLoggerFactory(this.loggerFactory).Build();
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe($"{nameof(ClinicGrainStorage)}-{name}", MigrationStage, OnStartAsync);
    }

    /// <summary>Applies pending schema migrations to the clinic database.</summary>
    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default) =>
        new ClinicMigrator(dataSource, loggerFactory.CreateLogger<ClinicMigrator>()).MigrateAsync(cancellationToken);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>Loads the stored state, or a fresh one with no ETag when the grain has never been written.</summary>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var table = ClinicStateTables.For(stateName);
        await using var command = dataSource.CreateCommand($"SELECT version, payload::text FROM {table} WHERE grain_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.ToString() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            var version = reader.GetInt64(0);
            grainState.State = JsonSerializer.Deserialize<T>(reader.GetString(1), ClinicStateJson.Options) ?? Fresh<T>();
            grainState.ETag = StateVersion.Format(version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Fresh<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    /// <summary>
    /// Stores the state if its ETag still matches the row (inserting the first version when it has none), together
    /// with its pending outbox events, in one statement: one round trip and one commit, atomic as a statement is.
    /// </summary>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var table = ClinicStateTables.For(stateName);
        var key = grainId.ToString();
        var expected = StateVersion.Parse(grainState.ETag, stateName, key);
        var payload = JsonSerializer.Serialize(grainState.State, ClinicStateJson.Options);
        var slotRow = grainState.State as IAppointmentSlotRow;

        await using var command = dataSource.CreateCommand();
        var stateSql = expected is null ? InsertState(command, table, key, payload, slotRow) : UpdateState(command, table, key, payload, slotRow, expected.Value);
        bool won;
        try
        {
            won = await WonAsync(command, stateSql, grainState.State, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation && table == $"{e.SchemaName}.{e.TableName}")
        {
            throw new InconsistentStateException(
                $"Grain state \"{stateName}\" of {key} was written by another activation first.", null, grainState.ETag, e);
        }
        catch (PostgresException e) when (e.SqlState == ExclusionViolation)
        {
            throw new SlotAlreadyHeldException(
                $"Another live appointment already holds doctor {slotRow?.DoctorId}'s slot at {slotRow?.SlotStart}; {key} was not saved.", e);
        }

        if (!won)
        {
            throw new InconsistentStateException(
                $"Grain state \"{stateName}\" of {key} changed since version {grainState.ETag} was read.", null, grainState.ETag);
        }

        grainState.ETag = StateVersion.Format((expected ?? 0) + 1);
        grainState.RecordExists = true;
    }

    /// <summary>
    /// Deletes the stored state if its ETag still matches, writing its pending outbox events in the same statement, and
    /// leaves a fresh state with no ETag.
    /// </summary>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var table = ClinicStateTables.For(stateName);
        var key = grainId.ToString();
        var expected = StateVersion.Parse(grainState.ETag, stateName, key);

        // Without an ETag the caller believes there is no row: there is nothing to delete, and a row that turns up belongs
        // to another activation, which makes the clear stale.
        await using var command = dataSource.CreateCommand();
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        if (expected is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected.Value });
        }

        var stateSql = expected is null
            ? $"SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE grain_id = $1)"
            : $"DELETE FROM {table} WHERE grain_id = $1 AND version = $2 RETURNING 1";
        if (!await WonAsync(command, stateSql, grainState.State, cancellationToken))
        {
            throw new InconsistentStateException(
                $"Grain state \"{stateName}\" of {key} changed since version {grainState.ETag ?? "(none)"} was read; it was not cleared.",
                null,
                grainState.ETag);
        }

        grainState.State = Fresh<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private async Task OnStartAsync(CancellationToken cancellationToken)
    {
        if (!options.ApplyMigrationsOnStart)
        {
            logger.LogInformation("Clinic storage {Name}: schema migrations are off; the database must already be up to date", name);
            return;
        }

        var applied = await MigrateAsync(cancellationToken);
        logger.LogInformation("Clinic storage {Name}: schema up to date ({Count} migrations applied now)", name, applied.Count);
    }

    private static string InsertState(NpgsqlCommand command, string table, string key, string payload, IAppointmentSlotRow? slotRow)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter { Value = payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
        AddSlotColumns(command.Parameters, slotRow);
        return slotRow is null
            ? $"INSERT INTO {table} (grain_id, version, payload) VALUES ($1, 1, $2) RETURNING 1"
            : $"""
               INSERT INTO {table} (grain_id, version, payload, doctor_id, patient_id, slot_start, slot_end, status, holds_slot)
               VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8)
               RETURNING 1
               """;
    }

    private static string UpdateState(NpgsqlCommand command, string table, string key, string payload, IAppointmentSlotRow? slotRow, long expected)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter { Value = payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
        AddSlotColumns(command.Parameters, slotRow);
        return slotRow is null
            ? $"UPDATE {table} SET version = version + 1, payload = $2, updated_at = now() WHERE grain_id = $1 AND version = $3 RETURNING 1"
            : $"""
               UPDATE {table}
               SET version = version + 1, payload = $2, updated_at = now(),
                   doctor_id = $4, patient_id = $5, slot_start = $6, slot_end = $7, status = $8, holds_slot = $9
               WHERE grain_id = $1 AND version = $3
               RETURNING 1
               """;
    }

    private static void AddSlotColumns(NpgsqlParameterCollection parameters, IAppointmentSlotRow? slotRow)
    {
        if (slotRow is null)
        {
            return;
        }

        parameters.Add(Text(slotRow.DoctorId));
        parameters.Add(Text(slotRow.PatientId));
        parameters.Add(Timestamp(slotRow.SlotStart?.ToDateTimeUtc()));
        parameters.Add(Timestamp(slotRow.SlotEnd?.ToDateTimeUtc()));
        parameters.Add(Text(slotRow.Status));
        parameters.Add(new NpgsqlParameter<bool> { TypedValue = slotRow.HoldsSlot });
    }

    /// <summary>
    /// Runs <paramref name="stateSql"/> (a statement returning one row when the state is as the caller expects) and the
    /// state's pending outbox events as one statement: one round trip, one commit, and atomic as any statement is. The
    /// events are inserted only if the state statement returned its row, in list order, so the bigserial sequence (the
    /// relay's order) follows the order raised. True when the state statement returned its row.
    /// </summary>
    private static async Task<bool> WonAsync<T>(NpgsqlCommand command, string stateSql, T state, CancellationToken cancellationToken)
    {
        var events = state is IOutboxState outbox ? outbox.PendingEvents : [];
        if (events.Count == 0)
        {
            command.CommandText = $"WITH state AS ({stateSql}) SELECT count(*) FROM state";
            return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
        }

        var rows = new StringBuilder();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var p = command.Parameters.Count;
            rows.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture,
                $"({i}, ${p + 1}::uuid, ${p + 2}::text, ${p + 3}::text, ${p + 4}::text, ${p + 5}::timestamptz, ${p + 6}::jsonb, ${p + 7}::text, ${p + 8}::text, ${p + 9}::text)");
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.EventId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.EventType });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.EntityKey });
            command.Parameters.Add(Text(e.CorrelationId));
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = e.OccurredAt.ToDateTimeUtc(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = e.Payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(Text(e.ActorId));
            command.Parameters.Add(Text(e.ActorRole));
            command.Parameters.Add(Text(e.TraceParent));
        }

        // The trace context rides in the payload (no column of its own); the outbox store takes it out before publishing.
        command.CommandText = $"""
            WITH state AS ({stateSql}),
            events AS (
                INSERT INTO outbox.event (event_id, event_type, entity_key, correlation_id, occurred_at, payload, actor_id, actor_role)
                SELECT e.event_id, e.event_type, e.entity_key, e.correlation_id, e.occurred_at,
                       CASE WHEN e.trace_parent IS NULL OR jsonb_typeof(e.payload) <> 'object' THEN e.payload
                            ELSE e.payload || jsonb_build_object('{OutboxEvent.TraceParentPayloadMember}', e.trace_parent) END,
                       e.actor_id, e.actor_role
                FROM (VALUES {rows}) AS e(ordinal, event_id, event_type, entity_key, correlation_id, occurred_at, payload, actor_id, actor_role, trace_parent)
                WHERE EXISTS (SELECT 1 FROM state)
                ORDER BY e.ordinal)
            SELECT count(*) FROM state
            """;
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Timestamp(DateTime? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private static T Fresh<T>() => Activator.CreateInstance<T>();
}
