namespace OrleansClinic.AuditVerifier.Tests;

/// <summary>The command line, in process: what it accepts, what it refuses, and the exit code for each outcome.</summary>
public sealed class AuditVerifierCommandTests(PostgresServer server)
{
    private static readonly string SomeHash = Convert.ToHexStringLower(AuditDatabase.Entry(1).Hash);

    [Fact]
    public void Options_are_read_as_separate_words_or_with_an_equals_sign()
    {
        var arguments = AuditVerifierArguments.Parse(
            ["--connection=Host=db;Database=restored_dump", "--expect-head-hash", SomeHash.ToUpperInvariant(), "--at-sequence", "12"]);

        Assert.Equal("Host=db;Database=restored_dump", arguments.ConnectionString);
        Assert.Equal(AuditDatabase.Entry(1).Hash, arguments.Anchor!.Hash.ToArray());
        Assert.Equal(12, arguments.Anchor.Sequence);
        Assert.Null(arguments.FromSequence);

        var resumed = AuditVerifierArguments.Parse(["--from-sequence", "7", "--expect-head-hash", SomeHash, "--connection", "Host=db"]);
        Assert.Equal((7L, 7L), (resumed.FromSequence, resumed.Anchor!.Sequence));
        Assert.Null(AuditVerifierArguments.Parse(["--connection", "Host=db"]).Anchor);
    }

    public static TheoryData<string[], string> Mistakes => new()
    {
        { [], "--connection is required." },
        { ["--connection"], "--connection needs a value." },
        { ["--connection", "Host=db", "--connection", "Host=other"], "--connection is given twice." },
        { ["--connection", "Host=db", "--verbose"], "Unknown argument '--verbose'." },
        { ["Host=db;Password=secret"], "Unknown argument 'Host=…'." },
        { ["--connection", "Host=db", "--expect-head-hash", "abc"], "--expect-head-hash takes a SHA-256 hash as 64 hex digits, not 'abc'." },
        { ["--connection", "Host=db", "--at-sequence", "5"], "--at-sequence and --from-sequence need --expect-head-hash." },
        { ["--connection", "Host=db", "--from-sequence", "5"], "--at-sequence and --from-sequence need --expect-head-hash." },
        { ["--connection", "Host=db", "--expect-head-hash", SomeHash, "--at-sequence", "0"], "--at-sequence takes an entry's sequence, a whole number from 1, not '0'." },
        { ["--connection", "Host=db", "--expect-head-hash", SomeHash, "--from-sequence", "-3"], "--from-sequence takes an entry's sequence, a whole number from 1, not '-3'." },
        {
            ["--connection", "Host=db", "--expect-head-hash", SomeHash, "--from-sequence", "3", "--at-sequence", "3"],
            "Give --at-sequence or --from-sequence, not both: starting part way, the anchor is the starting entry."
        },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_wrong_command_line_exits_2_with_the_reason_and_the_usage_on_stderr(string[] args, string reason)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(AuditVerifierCommand.Failed, code);
        Assert.Empty(output);
        Assert.StartsWith($"error: {reason}", error, StringComparison.Ordinal);
        Assert.Contains("Usage: OrleansClinic.AuditVerifier --connection", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        var (code, output, error) = await RunAsync(["--help"]);

        Assert.Equal(0, code);
        Assert.Contains("Exit codes: 0 intact, 1 broken, 2 usage or connection error.", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public async Task The_exit_code_is_0_intact_1_broken_and_2_when_the_trail_cannot_be_read()
    {
        var database = await AuditDatabase.CreateAsync(server, "command", count: 30);
        var head = Convert.ToHexStringLower(AuditDatabase.Entry(30).Hash);

        var intact = await RunAsync(["--connection", database.ConnectionString, "--expect-head-hash", head, "--at-sequence", "30"]);
        Assert.Equal((0, ""), (intact.Code, intact.Error));
        Assert.Equal(
            $"entries checked: 30\nhead sequence: 30\nhead hash: {head}\nanchor: entry 30 has the noted hash\nINTACT\n",
            intact.Output.ReplaceLineEndings("\n"));

        var wrongAnchor = await RunAsync(["--connection", database.ConnectionString, "--expect-head-hash", SomeHash, "--at-sequence", "30"]);
        Assert.Equal((1, ""), (wrongAnchor.Code, wrongAnchor.Error));
        Assert.EndsWith("the chain was rewritten from this entry or an earlier one\n", wrongAnchor.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\nBROKEN at entry 30: ", wrongAnchor.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        var noTable = await RunAsync(["--connection", await server.CreateDatabaseAsync("command_no_table")]);
        Assert.Equal((2, ""), (noTable.Code, noTable.Output));
        Assert.StartsWith("error: The database at ", noTable.Error, StringComparison.Ordinal);
        Assert.Contains("has no audit_logs.entry table", noTable.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", noTable.Error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AuditVerifierCommand.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
