using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The SQL ceiling of a booking: pgbench on the clinic's server inserting one row per transaction into a table with the
/// same kind of GiST exclusion constraint as <c>appointments.appointment</c> (resource with =, tstzrange with &amp;&amp;).
/// </summary>
internal static partial class PgbenchCeiling
{
    private static readonly string Pgbench = Path.Combine(PostgresServer.BinDirectory, "pgbench");

    // Every transaction takes the next number of a sequence: resource n mod 1000, the n / 1000th quarter hour from 2030.
    // The pairs never repeat, so no insert is refused and every transaction pays for the constraint's index probe.
    private const string Schema = """
        CREATE EXTENSION IF NOT EXISTS btree_gist;
        CREATE SEQUENCE slot_number;
        CREATE TABLE booking
        (
            id       bigserial PRIMARY KEY,
            resource integer   NOT NULL,
            during   tstzrange NOT NULL,
            CONSTRAINT booking_no_overlap EXCLUDE USING gist (resource WITH =, during WITH &&)
        );
        """;

    private const string Script = """
        INSERT INTO booking (resource, during) SELECT n % 1000, tstzrange(t, t + interval '15 minutes') FROM (SELECT n, timestamptz '2030-01-01 00:00Z' + (n / 1000) * interval '15 minutes' AS t FROM (SELECT nextval('slot_number') AS n) s) x;
        """;

    /// <summary>Runs pgbench for <paramref name="duration"/> at each of <paramref name="concurrencies"/> in a scratch database of <paramref name="postgres"/>.</summary>
    public static async Task<IReadOnlyList<PgbenchLevel>> Measure(PostgresServer postgres, IReadOnlyList<int> concurrencies, TimeSpan duration)
    {
        var database = await postgres.CreateDatabaseAsync("bench_pgbench");
        var target = new NpgsqlConnectionStringBuilder(database);
        await using (var db = NpgsqlDataSource.Create(database))
        {
            // Durable commits whatever the server's default: the clinic's database is set the same way.
            await using var command = db.CreateCommand($"ALTER DATABASE \"{target.Database}\" SET synchronous_commit = on; {Schema}");
            await command.ExecuteNonQueryAsync();
        }

        var script = Path.Combine(Path.GetTempPath(), $"clinic-pgbench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(script, Script);
        try
        {
            var levels = new List<PgbenchLevel>(concurrencies.Count);
            foreach (var clients in concurrencies)
            {
                levels.Add(await Run(target, script, clients, duration));
            }

            return levels;
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<PgbenchLevel> Run(NpgsqlConnectionStringBuilder target, string script, int clients, TimeSpan duration)
    {
        var c = CultureInfo.InvariantCulture;
        var start = new ProcessStartInfo(Pgbench)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "-h", target.Host ?? "127.0.0.1",
            "-p", target.Port.ToString(c),
            "-U", target.Username ?? "postgres",
            "-c", clients.ToString(c),
            "-j", Math.Min(clients, Environment.ProcessorCount).ToString(c),
            "-T", ((int)Math.Ceiling(duration.TotalSeconds)).ToString(c),
            "-n",
            "-f", script,
            target.Database!,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (target.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Pgbench}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        var tps = Tps().Match(text);
        var latency = Latency().Match(text);
        var failed = Failed().Match(text);
        if (process.ExitCode != 0 || !tps.Success)
        {
            // pgbench opens every connection before it counts, inside -T: on a busy machine 128 can take most of it.
            var said = string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
            return new PgbenchLevel(clients, 0, double.NaN, 0, $"pgbench -c {clients} exited {process.ExitCode} with no tps: {said} {(await error).Trim()}".Trim());
        }

        return new PgbenchLevel(
            clients,
            double.Parse(tps.Groups[1].Value, c),
            latency.Success ? double.Parse(latency.Groups[1].Value, c) : double.NaN,
            failed.Success ? long.Parse(failed.Groups[1].Value, c) : 0,
            null);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex Latency();

    [GeneratedRegex(@"number of failed transactions: ([0-9]+)")]
    private static partial Regex Failed();
}

/// <summary>pgbench at one concurrency: committed transactions per second, the average latency, failures, or why it did not run.</summary>
internal sealed record PgbenchLevel(int Clients, double Tps, double AverageLatencyMs, long Failed, string? Trouble);
