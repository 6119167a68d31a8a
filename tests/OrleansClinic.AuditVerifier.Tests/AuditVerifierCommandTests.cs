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
        Assert.Equal("/audit/anchors", AuditVerifierArguments.Parse(["--connection", "Host=db", "--anchor-dir", "/audit/anchors"]).AnchorDirectory);
        Assert.Null(AuditVerifierArguments.Parse(["--connection", "Host=db"]).AnchorDirectory);
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
        { ["--connection", "Host=db", "--anchor-dir", " "], "--anchor-dir takes a directory." },
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

    [Fact]
    public async Task Anchors_downloaded_from_the_archive_store_pass_an_intact_dump_and_find_entries_removed_from_its_end()
    {
        var database = await AuditDatabase.CreateAsync(server, "command_anchor_dir", count: 30);
        var directory = AuditDatabase.AnchorDirectory(10, 20, 30);
        // A copy of the local archive directory has the store's sidecars beside the anchors; they are not anchors.
        await File.WriteAllTextAsync(Path.Combine(directory, AuditAnchor.FileNameOf(10) + ".archive-meta.json"), "{}", TestContext.Current.CancellationToken);
        var head = Convert.ToHexStringLower(AuditDatabase.Entry(30).Hash);

        var intact = await RunAsync(["--connection", database.ConnectionString, "--anchor-dir", directory]);
        Assert.Equal((0, ""), (intact.Code, intact.Error));
        Assert.Equal(
            $"entries checked: 30\nhead sequence: 30\nhead hash: {head}\nanchors checked: 3 (the newest for entry 30)\nINTACT\n",
            intact.Output.ReplaceLineEndings("\n"));

        await database.TamperAsync("DELETE FROM audit_logs.entry WHERE sequence > 25");
        var cut = await RunAsync(["--connection", database.ConnectionString, $"--anchor-dir={directory}"]);
        Assert.Equal((1, ""), (cut.Code, cut.Error));
        Assert.EndsWith(
            "anchors checked: 3 (the newest for entry 30)\nBROKEN at entry 30: entry 30 was anchored outside the database but is missing: the chain ends at entry 25 (entries were removed from the end, or the copy checked is older than the anchor)\n",
            cut.Output.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anchors_that_cannot_be_read_or_disagree_with_the_noted_hash_are_no_verdict()
    {
        var database = await AuditDatabase.CreateAsync(server, "command_bad_anchors", count: 3);
        var empty = Directory.CreateTempSubdirectory("clinic-audit-anchors-").FullName;
        var garbled = AuditDatabase.AnchorDirectory(2);
        await File.WriteAllTextAsync(Path.Combine(garbled, AuditAnchor.FileNameOf(3)), """{"sequence":3}""", TestContext.Current.CancellationToken);
        var misnamed = AuditDatabase.AnchorDirectory();
        await File.WriteAllBytesAsync(Path.Combine(misnamed, AuditAnchor.FileNameOf(3)), AuditAnchor.Of(AuditDatabase.Entry(2)).ToJson(), TestContext.Current.CancellationToken);

        foreach (var (args, reason) in new (string[], string)[]
                 {
                     (["--anchor-dir", Path.Combine(empty, "absent")], "--anchor-dir: there is no directory"),
                     (["--anchor-dir", empty], "holds no audit anchors"),
                     (["--anchor-dir", garbled], "00000000000000000003.json cannot be read: An audit anchor is {\"sequence\":N,\"hash\":\"…\"}"),
                     (["--anchor-dir", misnamed], "holds the anchor of entry 2, not the one its name says"),
                     (["--anchor-dir", AuditDatabase.AnchorDirectory(2), "--expect-head-hash", SomeHash, "--at-sequence", "2"], "Two anchors for entry 2 disagree"),
                 })
        {
            var result = await RunAsync(["--connection", database.ConnectionString, .. args]);

            Assert.Equal((2, ""), (result.Code, result.Output));
            Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
            Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AuditVerifierCommand.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
