using System.Data.Common;
using Npgsql;

namespace OrleansClinic.Hosting;

/// <summary>
/// The clinic's defaults for each PostgreSQL connection pool of a process, applied where the connection string does not
/// say otherwise. Each component with a database (grain storage, Orleans' reminders and membership, the outbox relay, the
/// vault, the audit trail and so on) keeps a pool of its own.
/// <list type="bullet">
/// <item>A bounded pool: Npgsql's default of 100 connections a pool let a loaded silo open hundreds of server processes.
/// PostgreSQL then switches between far more backends than it has cores, and Npgsql hands out idle connections in turn, so
/// each statement wakes a backend that has been asleep: both cost more than waiting for one of a few connections in the
/// process (docs/performance.md, "Bounded connection pools").</item>
/// <item>Prepared statements: the clinic sends the same few dozen statements over and over, and without preparing them
/// PostgreSQL parses and plans each one every time; a quarter of its CPU per booking (docs/performance.md, "Prepared
/// statements, no session reset").</item>
/// <item>No reset on return: by default Npgsql resets a connection's session each time it goes back to the pool, six
/// statements sent with the next command, one reset for every statement the clinic runs. The clinic changes no session
/// state (the migrator's session lock is released before its connection returns), so there is nothing to reset.</item>
/// </list>
/// </summary>
public static class ClinicDatabasePool
{
    /// <summary>Connections a pool may open when the connection string does not say (Npgsql's own default is 100).</summary>
    public const int DefaultMaxPoolSize = 8;

    /// <summary>
    /// Statements each connection prepares once they have been used a few times, when the connection string does not say
    /// (Npgsql's own default is 0: none). Enough for every statement the clinic repeats; set <c>Max Auto Prepare=0</c> behind
    /// a pooler that cannot keep prepared statements.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 128;

    private static readonly HashSet<string> MaxPoolSizeKeywords = new(["MaximumPoolSize", "MaxPoolSize"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> MaxAutoPrepareKeywords = new(["MaxAutoPrepare"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> NoResetOnCloseKeywords = new(["NoResetOnClose"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// <paramref name="connectionString"/> with <c>Maximum Pool Size</c> set to <see cref="DefaultMaxPoolSize"/> (or to its
    /// <c>Minimum Pool Size</c>, if larger), <c>Max Auto Prepare</c> to <see cref="DefaultMaxAutoPrepare"/> and
    /// <c>No Reset On Close</c> on, each only when it names none; unchanged when it names all three, or when it is empty.
    /// </summary>
    public static string? WithDefaults(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        // Npgsql's builder reports every keyword it knows as present, so the operator's own keys are read as written.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal)).ToArray();
        var (poolSet, prepareSet, resetSet) = (written.Any(MaxPoolSizeKeywords.Contains), written.Any(MaxAutoPrepareKeywords.Contains), written.Any(NoResetOnCloseKeywords.Contains));
        if (poolSet && prepareSet && resetSet)
        {
            return connectionString;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!poolSet)
        {
            builder.MaxPoolSize = Math.Max(DefaultMaxPoolSize, builder.MinPoolSize);
        }

        if (!prepareSet)
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!resetSet)
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
