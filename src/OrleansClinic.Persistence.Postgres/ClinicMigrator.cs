using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace OrleansClinic.Persistence.Postgres;

/// <summary>
/// Brings a database up to the clinic's schema: applies the embedded <c>Migrations/*.sql</c> scripts not yet recorded in
/// <c>public.clinic_schema_migrations</c>, in version order, each in its own transaction.
/// </summary>
public sealed partial class ClinicMigrator
{
    /// <summary>Advisory-lock key that serialises migrators of one database (any silo may start first).</summary>
    public const long AdvisoryLockKey = 0x436C696E69634D67; // "ClinicMg"

    private static readonly Lazy<IReadOnlyList<ClinicMigration>> Embedded = new(LoadEmbedded);

    private readonly NpgsqlDataSource dataSource;
    private readonly ILogger logger;

    /// <summary>Creates a migrator for the database <paramref name="dataSource"/> connects to.</summary>
    public ClinicMigrator(NpgsqlDataSource dataSource, ILogger<ClinicMigrator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        this.dataSource = dataSource;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The scripts this build knows, in the order they apply.</summary>
    public static IReadOnlyList<ClinicMigration> Migrations => Embedded.Value;

    /// <summary>Applies every script the database lacks and returns the versions applied by this call (empty when up to date).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // A session lock rather than a transaction lock: it has to span several transactions, one per script.
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(
                connection,
                """
                CREATE TABLE IF NOT EXISTS public.clinic_schema_migrations
                (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var done = new List<int>();
            foreach (var migration in Migrations.Where(m => !applied.Contains(m.Version)))
            {
                await ApplyAsync(connection, migration, cancellationToken);
                done.Add(migration.Version);
                logger.LogInformation("Applied clinic migration {Version} {Name}", migration.Version, migration.Name);
            }

            return done;
        }
        finally
        {
            // Unlock even when cancelled: the connection goes back to the pool and would otherwise keep the lock.
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, ClinicMigration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
        {
            await script.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var record = new NpgsqlCommand(
            "INSERT INTO public.clinic_schema_migrations (version, name) VALUES ($1, $2)", connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<HashSet<int>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new HashSet<int>();
        await using var command = new NpgsqlCommand("SELECT version FROM public.clinic_schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetInt32(0));
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<ClinicMigration> LoadEmbedded()
    {
        var assembly = typeof(ClinicMigrator).Assembly;
        var migrations = new List<ClinicMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var text = new StreamReader(stream);
            migrations.Add(new ClinicMigration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, text.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two clinic migrations share version {duplicate.Key}.");
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }

    [GeneratedRegex(@"\.Migrations\.(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
