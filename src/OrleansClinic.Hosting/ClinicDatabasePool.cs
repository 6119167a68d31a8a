using System.Data.Common;
using Npgsql;

namespace OrleansClinic.Hosting;

/// <summary>
/// The bound on each PostgreSQL connection pool of a clinic process when the connection string sets none. Each component
/// with a database (grain storage, Orleans' reminders and membership, the outbox relay, the vault, the audit trail and so
/// on) keeps a pool of its own, and Npgsql's default of 100 connections a pool let a loaded silo open hundreds of server
/// processes. PostgreSQL then switches between far more backends than it has cores, and Npgsql hands out idle connections
/// in turn, so each statement wakes a backend that has been asleep: both cost more than waiting for one of a few
/// connections in the process (docs/performance.md, "Bounded connection pools").
/// </summary>
public static class ClinicDatabasePool
{
    /// <summary>Connections a pool may open when the connection string does not say (Npgsql's own default is 100).</summary>
    public const int DefaultMaxPoolSize = 8;

    private static readonly HashSet<string> MaxPoolSizeKeywords = new(["MaximumPoolSize", "MaxPoolSize"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// <paramref name="connectionString"/> with <c>Maximum Pool Size</c> set to <see cref="DefaultMaxPoolSize"/> (or to its
    /// <c>Minimum Pool Size</c>, if larger) when it names none; unchanged when it does, or when it is empty.
    /// </summary>
    public static string? Bounded(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        // Npgsql's builder reports every keyword it knows as present, so the operator's own keys are read as written.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(k => MaxPoolSizeKeywords.Contains(k.Replace(" ", string.Empty, StringComparison.Ordinal))))
        {
            return connectionString;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.MaxPoolSize = Math.Max(DefaultMaxPoolSize, builder.MinPoolSize);
        return builder.ConnectionString;
    }
}
