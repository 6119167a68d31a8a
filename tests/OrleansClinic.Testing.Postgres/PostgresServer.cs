using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Xunit;

namespace OrleansClinic.Testing.Postgres;

/// <summary>
/// A PostgreSQL server for a test assembly: the one named by <c>CLINIC_TEST_POSTGRES</c> if set, otherwise a throwaway
/// PostgreSQL 15 cluster on loopback that is deleted afterwards. Tests get a fresh database each from
/// <see cref="CreateDatabaseAsync"/>. Declare it with <c>[assembly: AssemblyFixture(typeof(PostgresServer))]</c>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>Environment variable holding the connection string of an existing server to use instead of starting one.</summary>
    public const string ConnectionStringVariable = "CLINIC_TEST_POSTGRES";

    /// <summary>Where Debian's PostgreSQL 15 server binaries live.</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<string> databases = [];
    private string? directory;
    private string? adminConnectionString;

    /// <summary>Connection string of the server's <c>postgres</c> database, as its superuser.</summary>
    public string AdminConnectionString =>
        adminConnectionString ?? throw new InvalidOperationException("The PostgreSQL server has not been started yet.");

    /// <summary>True when this fixture started (and will delete) its own server.</summary>
    public bool IsThrowaway => directory is not null;

    /// <summary>Uses the configured server or starts a throwaway one, and waits until it accepts connections.</summary>
    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            adminConnectionString = configured;
            await WaitUntilReadyAsync(configured);
            return;
        }

        RequireBinaries();
        Exception? last = null;

        // A free port can be taken between probing and binding; a second attempt on a new port settles it.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await StartThrowawayAsync();
                return;
            }
            catch (InvalidOperationException e)
            {
                last = e;
                await StopThrowawayAsync();
            }
        }

        throw last!;
    }

    /// <summary>Creates an empty database whose name starts with <paramref name="prefix"/> and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var cleaned = new string([.. prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
        var name = $"{cleaned[..Math.Min(cleaned.Length, 30)]}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        lock (databases)
        {
            databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, IncludeErrorDetail = true }.ConnectionString;
    }

    /// <summary>Stops and deletes a throwaway server, or drops the databases this fixture created on a configured one.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (IsThrowaway)
        {
            await StopThrowawayAsync();
        }
        else if (adminConnectionString is not null)
        {
            await DropDatabasesAsync();
        }
    }

    /// <summary>
    /// When this starts a throwaway server: true to flush every commit to disk (<c>fsync=on</c>, as in production) for
    /// benchmarks; tests leave it off, since they measure nothing and a crash of the machine loses nothing of theirs.
    /// </summary>
    public bool Durable { get; init; }

    private static void RequireBinaries()
    {
        foreach (var tool in new[] { "initdb", "pg_ctl" })
        {
            if (!File.Exists(Path.Combine(BinDirectory, tool)))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL 15 is not installed: {Path.Combine(BinDirectory, tool)} is missing. Install it " +
                    $"(apt-get install postgresql-15) or set {ConnectionStringVariable} to the connection string of a running server.");
            }
        }
    }

    private async Task StartThrowawayAsync()
    {
        var dir = Directory.CreateTempSubdirectory("clinic-pg-").FullName;
        directory = dir;
        if (RunsAsRoot)
        {
            // initdb refuses to run as root, so the cluster belongs to the postgres user.
            await RunAsync("chown", ["postgres", dir]);
        }

        var port = FreePort();
        await RunPostgresToolAsync($"{BinDirectory}/initdb -D {dir}/data -A trust -U postgres --no-sync");
        await RunPostgresToolAsync(
            $"{BinDirectory}/pg_ctl -D {dir}/data -l {dir}/log -w -t {(int)StartTimeout.TotalSeconds} start " +
            $"-o '-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections={(Durable ? 1000 : 300)} -c fsync={(Durable ? "on" : "off")}'",
            logFile: $"{dir}/log");

        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;
        await WaitUntilReadyAsync(connectionString);
        adminConnectionString = connectionString;
    }

    private async Task StopThrowawayAsync()
    {
        if (directory is not { } dir)
        {
            return;
        }

        if (File.Exists(Path.Combine(dir, "data", "postmaster.pid")))
        {
            try
            {
                await RunPostgresToolAsync($"{BinDirectory}/pg_ctl -D {dir}/data -m immediate -w stop");
            }
            catch (InvalidOperationException)
            {
                // Already stopped: nothing is left to do but delete the directory.
            }
        }

        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the test run over it is not.
        }

        directory = null;
        adminConnectionString = null;
    }

    private async Task DropDatabasesAsync()
    {
        string[] created;
        lock (databases)
        {
            created = [.. databases];
            databases.Clear();
        }

        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            foreach (var name in created)
            {
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
            }
        }
        catch (NpgsqlException)
        {
            // The shared server may already be gone at the end of a run; its databases go with it.
        }
    }

    private static async Task WaitUntilReadyAsync(string connectionString)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            catch (NpgsqlException e)
            {
                throw new InvalidOperationException($"PostgreSQL at {Redacted(connectionString)} did not accept connections within {StartTimeout}.", e);
            }
        }
    }

    private static string Redacted(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static bool RunsAsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunPostgresToolAsync(string commandLine, string? logFile = null) =>
        RunsAsRoot ? RunAsync("su", ["postgres", "-c", commandLine], logFile) : RunAsync("/bin/sh", ["-c", commandLine], logFile);

    private static async Task RunAsync(string fileName, string[] arguments, string? logFile = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout + TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} did not finish in time.");
        }

        if (process.ExitCode != 0)
        {
            var message = new StringBuilder()
                .AppendLine($"{fileName} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}.")
                .AppendLine(await output)
                .AppendLine(await error);
            if (logFile is not null && File.Exists(logFile))
            {
                message.AppendLine("Server log:").AppendLine(await File.ReadAllTextAsync(logFile));
            }

            throw new InvalidOperationException(message.ToString());
        }
    }
}
