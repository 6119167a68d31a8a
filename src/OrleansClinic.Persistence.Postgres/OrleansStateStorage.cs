using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansClinic.Persistence.Postgres.Options;

namespace OrleansClinic.Persistence.Postgres;

/// <summary>
/// Grain storage on PostgreSQL for state Orleans keeps itself (such as stream subscriptions in <c>PubSubStore</c>): any
/// state name, the payload in Orleans' own binary format, the row's version as the ETag.
/// </summary>
/// <remarks>
/// It runs no migrations: <c>orleans_state.grain_state</c> comes from the clinic's migrations, which
/// <see cref="ClinicGrainStorage"/> applies at silo start (or the silo's <c>migrate</c> command applies beforehand).
/// </remarks>
public sealed class OrleansStateStorage : IGrainStorage, IAsyncDisposable
{
    private const string Table = "orleans_state.grain_state";
    private const string UniqueViolation = "23505";

    private readonly Serializer serializer;
    private readonly NpgsqlDataSource dataSource;

    /// <summary>Creates the storage provider called <paramref name="name"/> on the database in <paramref name="options"/>.</summary>
    public OrleansStateStorage(string name, OrleansStateStorageOptions options, Serializer serializer, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serializer);
        new OrleansStateStorageOptionsValidator(options, name).ValidateConfiguration();
        this.serializer = serializer;
        dataSource = new NpgsqlDataSourceBuilder(options.ConnectionString)
            .UseLoggerFactory(loggerFactory ?? NullLoggerFactory.Instance)
            .Build();
    }

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
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        await using var command = dataSource.CreateCommand($"SELECT version, payload FROM {Table} WHERE state_name = $1 AND grain_id = $2");
        AddKey(command.Parameters, stateName, grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            var version = reader.GetInt64(0);
            grainState.State = serializer.Deserialize<T>(reader.GetFieldValue<byte[]>(1)) ?? Fresh<T>();
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

    /// <summary>Stores the state if its ETag still matches the row, inserting the first version when it has none.</summary>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var key = grainId.ToString();
        var expected = StateVersion.Parse(grainState.ETag, stateName, key);
        var payload = serializer.SerializeToArray(grainState.State);

        await using var command = dataSource.CreateCommand(expected is null
            ? $"INSERT INTO {Table} (state_name, grain_id, version, payload) VALUES ($1, $2, 1, $3)"
            : $"UPDATE {Table} SET version = version + 1, payload = $3, updated_at = now() WHERE state_name = $1 AND grain_id = $2 AND version = $4");
        AddKey(command.Parameters, stateName, key);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
        if (expected is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected.Value });
        }

        int affected;
        try
        {
            affected = await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation && Table == $"{e.SchemaName}.{e.TableName}")
        {
            throw new InconsistentStateException(
                $"Grain state \"{stateName}\" of {key} was written by another activation first.", null, grainState.ETag, e);
        }

        if (affected == 0)
        {
            throw new InconsistentStateException(
                $"Grain state \"{stateName}\" of {key} changed since version {grainState.ETag} was read.", null, grainState.ETag);
        }

        grainState.ETag = StateVersion.Format((expected ?? 0) + 1);
        grainState.RecordExists = true;
    }

    /// <summary>Deletes the stored state if its ETag still matches, and leaves a fresh state with no ETag.</summary>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var key = grainId.ToString();
        var expected = StateVersion.Parse(grainState.ETag, stateName, key);

        // Without an ETag the caller believes there is no row; one that exists belongs to another activation and stays.
        await using var command = dataSource.CreateCommand(expected is null
            ? $"SELECT count(*)::integer FROM {Table} WHERE state_name = $1 AND grain_id = $2"
            : $"DELETE FROM {Table} WHERE state_name = $1 AND grain_id = $2 AND version = $3");
        AddKey(command.Parameters, stateName, key);
        bool consistent;
        if (expected is null)
        {
            consistent = (int)(await command.ExecuteScalarAsync(cancellationToken))! == 0;
        }
        else
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected.Value });
            consistent = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }

        if (!consistent)
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

    private static void AddKey(NpgsqlParameterCollection parameters, string stateName, string key)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
    }

    private static T Fresh<T>() => Activator.CreateInstance<T>();
}
