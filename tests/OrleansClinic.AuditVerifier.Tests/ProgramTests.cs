using System.Diagnostics;

namespace OrleansClinic.AuditVerifier.Tests;

/// <summary>The built tool run as an auditor runs it, in its own process: arguments in, report or error out, exit code set.</summary>
public sealed class ProgramTests(PostgresServer server)
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_tool_prints_its_report_and_exits_0_intact_1_broken_2_unreadable()
    {
        var database = await AuditDatabase.CreateAsync(server, "program", count: 30);
        var head = Convert.ToHexStringLower(AuditDatabase.Entry(30).Hash);

        var intact = await RunAsync("--connection", database.ConnectionString, "--expect-head-hash", head);
        Assert.Equal((0, ""), (intact.Code, intact.Error));
        Assert.Equal(
            $"entries checked: 30\nhead sequence: 30\nhead hash: {head}\nanchor: entry 30 has the noted hash\nINTACT\n",
            intact.Output);

        var anchors = AuditDatabase.AnchorDirectory(15, 30);
        var anchored = await RunAsync("--connection", database.ConnectionString, "--anchor-dir", anchors);
        Assert.Equal((0, ""), (anchored.Code, anchored.Error));
        Assert.EndsWith("\nanchors checked: 2 (the newest for entry 30)\nINTACT\n", anchored.Output, StringComparison.Ordinal);

        await database.TamperAsync("DELETE FROM audit_logs.entry WHERE sequence = 30");
        var cut = await RunAsync("--connection", database.ConnectionString, "--anchor-dir", anchors);
        Assert.Equal((1, ""), (cut.Code, cut.Error));
        Assert.Contains("\nBROKEN at entry 30: entry 30 was anchored outside the database but is missing", cut.Output, StringComparison.Ordinal);

        await database.TamperAsync("UPDATE audit_logs.entry SET entity_id = 'a-other' WHERE sequence = 17");
        var broken = await RunAsync($"--connection={database.ConnectionString}");
        Assert.Equal((1, ""), (broken.Code, broken.Error));
        Assert.EndsWith("\nBROKEN at entry 17: entry 17 was altered after it was sealed\n", broken.Output, StringComparison.Ordinal);

        var noTable = await RunAsync("--connection", await server.CreateDatabaseAsync("program_no_table"));
        Assert.Equal((2, ""), (noTable.Code, noTable.Output));
        Assert.Matches(@"^error: The database at \S+ has no audit_logs\.entry table: restore the audit_logs schema into it first \(docs/audit\.md\)\.\n$", noTable.Error);

        var unreachable = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Host = "127.0.0.1", Port = AuditDumpVerifierTests.ClosedPort(), Timeout = 5 };
        var noServer = await RunAsync("--connection", unreachable.ConnectionString);
        Assert.Equal((2, ""), (noServer.Code, noServer.Output));
        Assert.StartsWith($"error: Could not read the audit trail at 127.0.0.1:{unreachable.Port}/", noServer.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", noServer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tool_explains_its_usage()
    {
        var missing = await RunAsync("--expect-head-hash", "00");
        Assert.Equal((2, ""), (missing.Code, missing.Output));
        Assert.StartsWith("error: --connection is required.\n\nUsage: OrleansClinic.AuditVerifier --connection", missing.Error, StringComparison.Ordinal);

        var help = await RunAsync("--help");
        Assert.Equal((0, ""), (help.Code, help.Error));
        Assert.StartsWith("Usage: OrleansClinic.AuditVerifier --connection", help.Output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        // The tool's build output (runtimeconfig and deps included) is copied beside the tests, so the same runtime runs it.
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(AuditDumpVerifier).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The verifier did not start.");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(ProcessTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await output).ReplaceLineEndings("\n"), (await error).ReplaceLineEndings("\n"));
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host)
        {
            return host;
        }

        // The runtime running the tests lives in <root>/shared/Microsoft.NETCore.App/<version>/; its host is <root>/dotnet.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var dotnet = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(dotnet) ? dotnet : "dotnet";
    }
}
