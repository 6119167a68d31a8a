using System.Globalization;
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
    /// with its pending outbox events, all in one transaction.
    /// </summary>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var table = ClinicStateTables.For(stateName);
        var key = grainId.ToString();
        var expected = StateVersion.Parse(grainState.ETag, stateName, key);
        var payload = JsonSerializer.Serialize(grainState.State, ClinicStateJson.Options);
        var slotRow = grainState.State as IAppointmentSlotRow;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One batch, one round trip: the state statement first, so its row count decides whether the events may stay.
        await using var batch = new NpgsqlBatch(connection, transaction);
        var stateCommand = expected is null ? InsertState(table, key, payload, slotRow) : UpdateState(table, key, payload, slotRow, expected.Value);
        batch.BatchCommands.Add(stateCommand);
        AddOutboxEvents(batch, grainState.State);

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
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

        if (stateCommand.RecordsAffected == 0)
        {
            // Nothing of this write may survive, events included: the state they describe was not stored.
            await transaction.RollbackAsync(cancellationToken);
            throw new InconsistentStateException(
                $"Grain state \"{stateName}\" of {key} changed since version {grainState.ETag} was read.", null, grainState.ETag);
        }

        await transaction.CommitAsync(cancellationToken);
        grainState.ETag = StateVersion.Format((expected ?? 0) + 1);
        grainState.RecordExists = true;
    }

    /// <summary>
    /// Deletes the stored state if its ETag still matches, writing its pending outbox events in the same transaction, and
    /// leaves a fresh state with no ETag.
    /// </summary>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var table = ClinicStateTables.For(stateName);
        var key = grainId.ToString();
        var expected = StateVersion.Parse(grainState.ETag, stateName, key);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);

        // Without an ETag the caller believes there is no row; if one turns up it belongs to another activation and the
        // delete is rolled back below.
        var stateCommand = expected is null
            ? new NpgsqlBatchCommand($"DELETE FROM {table} WHERE grain_id = $1")
            : new NpgsqlBatchCommand($"DELETE FROM {table} WHERE grain_id = $1 AND version = $2");
        stateCommand.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        if (expected is not null)
        {
            stateCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected.Value });
        }

        batch.BatchCommands.Add(stateCommand);
        AddOutboxEvents(batch, grainState.State);
        await batch.ExecuteNonQueryAsync(cancellationToken);

        var consistent = expected is null ? stateCommand.RecordsAffected == 0 : stateCommand.RecordsAffected == 1;
        if (!consistent)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new InconsistentStateException(
                $"Grain state \"{stateName}\" of {key} changed since version {grainState.ETag ?? "(none)"} was read; it was not cleared.",
                null,
                grainState.ETag);
        }

        await transaction.CommitAsync(cancellationToken);
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

    private static NpgsqlBatchCommand InsertState(string table, string key, string payload, IAppointmentSlotRow? slotRow)
    {
        var command = new NpgsqlBatchCommand(slotRow is null
            ? $"INSERT INTO {table} (grain_id, version, payload) VALUES ($1, 1, $2)"
            : $"""
               INSERT INTO {table} (grain_id, version, payload, doctor_id, patient_id, slot_start, slot_end, status, holds_slot)
               VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8)
               """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter { Value = payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
        AddSlotColumns(command, slotRow);
        return command;
    }

    private static NpgsqlBatchCommand UpdateState(string table, string key, string payload, IAppointmentSlotRow? slotRow, long expected)
    {
        var command = new NpgsqlBatchCommand(slotRow is null
            ? $"UPDATE {table} SET version = version + 1, payload = $2, updated_at = now() WHERE grain_id = $1 AND version = $3"
            : $"""
               UPDATE {table}
               SET version = version + 1, payload = $2, updated_at = now(),
                   doctor_id = $4, patient_id = $5, slot_start = $6, slot_end = $7, status = $8, holds_slot = $9
               WHERE grain_id = $1 AND version = $3
               """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter { Value = payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
        AddSlotColumns(command, slotRow);
        return command;
    }

    private static void AddSlotColumns(NpgsqlBatchCommand command, IAppointmentSlotRow? slotRow)
    {
        if (slotRow is null)
        {
            return;
        }

        command.Parameters.Add(Text(slotRow.DoctorId));
        command.Parameters.Add(Text(slotRow.PatientId));
        command.Parameters.Add(Timestamp(slotRow.SlotStart?.ToDateTimeUtc()));
        command.Parameters.Add(Timestamp(slotRow.SlotEnd?.ToDateTimeUtc()));
        command.Parameters.Add(Text(slotRow.Status));
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = slotRow.HoldsSlot });
    }

    private static void AddOutboxEvents<T>(NpgsqlBatch batch, T state)
    {
        if (state is not IOutboxState { PendingEvents.Count: > 0 } outbox)
        {
            return;
        }

        // One statement per event, in list order, so the bigserial sequence (the relay's order) follows the order raised.
        foreach (var e in outbox.PendingEvents)
        {
            // The trace context rides in the payload (no column of its own); the outbox store takes it out before publishing.
            var command = new NpgsqlBatchCommand(
                $"""
                INSERT INTO outbox.event (event_id, event_type, entity_key, correlation_id, occurred_at, payload, actor_id, actor_role)
                VALUES ($1, $2, $3, $4, $5,
                        CASE WHEN $9::text IS NULL OR jsonb_typeof($6) <> 'object' THEN $6
                             ELSE $6 || jsonb_build_object('{OutboxEvent.TraceParentPayloadMember}', $9::text) END,
                        $7, $8)
                """);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.EventId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.EventType });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.EntityKey });
            command.Parameters.Add(Text(e.CorrelationId));
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = e.OccurredAt.ToDateTimeUtc(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = e.Payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(Text(e.ActorId));
            command.Parameters.Add(Text(e.ActorRole));
            command.Parameters.Add(Text(e.TraceParent));
            batch.BatchCommands.Add(command);
        }
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Timestamp(DateTime? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private static T Fresh<T>() => Activator.CreateInstance<T>();
}
