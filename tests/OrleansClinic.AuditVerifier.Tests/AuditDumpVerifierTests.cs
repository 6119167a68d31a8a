using NodaTime;

namespace OrleansClinic.AuditVerifier.Tests;

/// <summary>The verifier against a real audit_logs.entry: intact as sealed, and every superuser tampering found where it happened.</summary>
public sealed class AuditDumpVerifierTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static AuditDumpVerifier Verifier { get; } = new();

    [Fact]
    public async Task An_intact_chain_read_in_pages_is_intact_and_names_its_last_entry_as_head()
    {
        var database = await AuditDatabase.CreateAsync(server, "intact");
        var last = AuditDatabase.Entry(AuditDatabase.DefaultCount);

        // 5,000 leaves a short last page; 1,000 ends on a full page, so the end is an empty one.
        foreach (var pageSize in new[] { AuditDumpVerifier.DefaultPageSize, 1000 })
        {
            var report = await new AuditDumpVerifier(pageSize).RunAsync(database.ConnectionString, cancellationToken: Cancel);

            Assert.True(report.Intact, report.Problem);
            Assert.Equal(0, report.ExitCode);
            Assert.Equal((12_000L, 12_000L), (report.EntriesChecked, report.HeadSequence));
            Assert.Equal(last.Hash, report.HeadHash.ToArray());
            Assert.Equal(Convert.ToHexStringLower(last.Hash), report.HeadHashHex);
            Assert.Null(report.BrokenAt);
            Assert.Equal("INTACT", report.Verdict);
        }
    }

    [Fact]
    public async Task The_report_is_plain_text_ending_with_the_verdict()
    {
        var database = await AuditDatabase.CreateAsync(server, "report", count: 3);
        var report = await Verifier.RunAsync(database.ConnectionString, cancellationToken: Cancel);
        using var text = new StringWriter();
        report.WriteTo(text);

        Assert.Equal(
            $"entries checked: 3\nhead sequence: 3\nhead hash: {Convert.ToHexStringLower(AuditDatabase.Entry(3).Hash)}\nINTACT\n",
            text.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task An_empty_trail_is_intact_with_the_genesis_as_head()
    {
        var database = await AuditDatabase.CreateAsync(server, "empty", count: 0);
        var report = await Verifier.RunAsync(database.ConnectionString, cancellationToken: Cancel);

        Assert.True(report.Intact);
        Assert.Equal((0L, 0L), (report.EntriesChecked, report.HeadSequence));
        Assert.Equal(new string('0', 64), report.HeadHashHex);
    }

    public static TheoryData<string> Tamperings =>
    [
        "update one field", "update the first entry of the second page", "move the time by a microsecond", "update a row and its hash",
        "delete a row in the middle", "swap two rows", "renumber the last entry", "null a required column", "an infinite time",
        "a time beyond what .NET holds",
    ];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Tampering_by_a_superuser_is_found_at_the_entry_it_touched(string tampering)
    {
        var database = await AuditDatabase.CreateAsync(server, "tamper");
        var (statements, brokenAt, problem) = tampering switch
        {
            "update one field" => (["UPDATE audit_logs.entry SET actor_role = 'admin' WHERE sequence = 7321"], 7321L, "was altered after it was sealed"),
            "update the first entry of the second page" =>
                (["UPDATE audit_logs.entry SET reason = 'routine' WHERE sequence = 5001"], 5001L, "was altered after it was sealed"),
            "move the time by a microsecond" =>
                (["UPDATE audit_logs.entry SET at = at + interval '1 microsecond' WHERE sequence = 3"], 3L, "was altered after it was sealed"),
            // Recomputing the row's own hash hides the change in that row, but the next one no longer links to it.
            "update a row and its hash" => ([Rehashed(9000).Update], 9001L, "does not follow the entry before it"),
            "delete a row in the middle" => (["DELETE FROM audit_logs.entry WHERE sequence = 6000"], 6000L, "is missing (the chain goes on at 6001)"),
            // Through a spare number: the primary key is checked row by row, so a one-statement swap would collide.
            "swap two rows" => ((string[])[
                "UPDATE audit_logs.entry SET sequence = 1000000 WHERE sequence = 4000",
                "UPDATE audit_logs.entry SET sequence = 4000 WHERE sequence = 4001",
                "UPDATE audit_logs.entry SET sequence = 4001 WHERE sequence = 1000000",
            ], 4000L, "does not follow the entry before it"),
            "renumber the last entry" => (["UPDATE audit_logs.entry SET sequence = 20000 WHERE sequence = 12000"], 12000L, "is missing (the chain goes on at 20000)"),
            "null a required column" => ((string[])[
                "ALTER TABLE audit_logs.entry ALTER COLUMN actor_id DROP NOT NULL",
                "UPDATE audit_logs.entry SET actor_id = NULL WHERE sequence = 10",
            ], 10L, "was altered after it was sealed"),
            "an infinite time" => (["UPDATE audit_logs.entry SET at = 'infinity' WHERE sequence = 11"], 11L, "was altered after it was sealed"),
            "a time beyond what .NET holds" => (["UPDATE audit_logs.entry SET at = '12026-01-01 00:00:00+00' WHERE sequence = 12"], 12L, "was altered after it was sealed"),
            _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
        };
        await database.TamperAsync(statements);

        var report = await Verifier.RunAsync(database.ConnectionString, cancellationToken: Cancel);

        Assert.False(report.Intact);
        Assert.Equal(1, report.ExitCode);
        Assert.Equal(brokenAt, report.BrokenAt);
        Assert.Equal($"BROKEN at entry {brokenAt}: entry {brokenAt} {problem}", report.Verdict);
        Assert.Equal((brokenAt - 1, brokenAt - 1), (report.EntriesChecked, report.HeadSequence));
        var head = tampering == "update a row and its hash" ? Rehashed(9000).Hash : AuditDatabase.Entry(brokenAt - 1).Hash;
        Assert.Equal(head, report.HeadHash.ToArray());
    }

    [Fact]
    public async Task A_rewrite_from_some_entry_with_every_hash_recomputed_passes_the_chain_but_not_an_anchor_noted_before_it()
    {
        var database = await AuditDatabase.CreateAsync(server, "rewrite");
        var noted = await Verifier.RunAsync(database.ConnectionString, cancellationToken: Cancel);
        var head = new AuditAnchor(noted.HeadHash, noted.HeadSequence);

        var rewritten = await database.RewriteFromAsync(8000, r => r.SourceId == 8000 ? r with { Outcome = "denied", Reason = "no reason" } : r);

        // The chain alone cannot tell: every hash from entry 8000 is right for what the rows now say.
        var chainOnly = await Verifier.RunAsync(database.ConnectionString, cancellationToken: Cancel);
        Assert.True(chainOnly.Intact, chainOnly.Problem);
        Assert.Equal(12_000, chainOnly.HeadSequence);
        Assert.Equal(rewritten[^1].Hash, chainOnly.HeadHash.ToArray());
        Assert.NotEqual(noted.HeadHashHex, chainOnly.HeadHashHex);

        var atHead = await Verifier.RunAsync(database.ConnectionString, head, cancellationToken: Cancel);
        Assert.False(atHead.Intact);
        Assert.Equal(1, atHead.ExitCode);
        Assert.Equal(12_000, atHead.BrokenAt);
        Assert.Equal(
            $"BROKEN at entry 12000: entry 12000 does not have the hash anchored outside the database ({noted.HeadHashHex}) but {chainOnly.HeadHashHex}: the chain was rewritten from this entry or an earlier one",
            atHead.Verdict);

        var anywhere = await Verifier.RunAsync(database.ConnectionString, head with { Sequence = null }, cancellationToken: Cancel);
        Assert.False(anywhere.Intact);
        Assert.Null(anywhere.BrokenAt);
        Assert.StartsWith($"BROKEN: no entry has the anchor hash {noted.HeadHashHex}", anywhere.Verdict, StringComparison.Ordinal);

        var fromHead = await Verifier.RunAsync(database.ConnectionString, head, fromSequence: 12_000, cancellationToken: Cancel);
        Assert.Equal((false, 12_000L), (fromHead.Intact, fromHead.BrokenAt));

        // An anchor noted before the rewritten part still holds: the rewrite began after it.
        var before = await Verifier.RunAsync(database.ConnectionString, new AuditAnchor(AuditDatabase.Entry(7999).Hash, 7999), cancellationToken: Cancel);
        Assert.True(before.Intact, before.Problem);
        Assert.Equal(7999, before.AnchoredAt);
        Assert.False((await Verifier.RunAsync(database.ConnectionString, new AuditAnchor(AuditDatabase.Entry(8000).Hash, 8000), cancellationToken: Cancel)).Intact);
    }

    [Fact]
    public async Task Entries_removed_from_the_end_leave_an_intact_chain_that_the_anchor_finds_short()
    {
        var database = await AuditDatabase.CreateAsync(server, "truncated");
        var head = AuditDatabase.Entry(12_000);
        await database.TamperAsync("DELETE FROM audit_logs.entry WHERE sequence > 11990");

        Assert.True((await Verifier.RunAsync(database.ConnectionString, cancellationToken: Cancel)).Intact);

        var anchored = await Verifier.RunAsync(database.ConnectionString, new AuditAnchor(head.Hash, 12_000), cancellationToken: Cancel);
        Assert.False(anchored.Intact);
        Assert.Equal((12_000L, 11_990L), (anchored.BrokenAt, anchored.HeadSequence));
        Assert.StartsWith("BROKEN at entry 12000: entry 12000 was anchored outside the database but is missing: the chain ends at entry 11990", anchored.Verdict, StringComparison.Ordinal);

        Assert.False((await Verifier.RunAsync(database.ConnectionString, new AuditAnchor(head.Hash, null), cancellationToken: Cancel)).Intact);
    }

    [Fact]
    public async Task Anchors_kept_by_the_silos_find_a_rewrite_that_recomputed_every_hash_at_the_first_anchor_after_it()
    {
        var database = await AuditDatabase.CreateAsync(server, "stored_anchors");
        var anchors = await AuditAnchorDirectory.ReadAsync(AuditDatabase.AnchorDirectory(2500, 5000, 7500, 10_000, 12_000), Cancel);

        var intact = await Verifier.RunAsync(database.ConnectionString, storedAnchors: anchors, cancellationToken: Cancel);
        Assert.True(intact.Intact, intact.Problem);
        Assert.Equal((5L, 12_000L), (intact.AnchorsChecked!.Value, intact.NewestAnchor!.Value));

        await database.RewriteFromAsync(8000, r => r.SourceId == 8000 ? r with { Outcome = "denied" } : r);
        var rewritten = await Verifier.RunAsync(database.ConnectionString, storedAnchors: anchors, cancellationToken: Cancel);
        Assert.Equal((false, 10_000L, 4L), (rewritten.Intact, rewritten.BrokenAt, rewritten.AnchorsChecked));
        Assert.Contains("entry 10000 does not have the hash anchored outside the database", rewritten.Verdict, StringComparison.Ordinal);

        // Starting part way, anchors before the start are not read against the chain: the earlier audit vouched for them.
        var fromNoted = await Verifier.RunAsync(
            database.ConnectionString, new AuditAnchor(AuditDatabase.Entry(7500).Hash, null), fromSequence: 7500, anchors, Cancel);
        Assert.Equal((false, 10_000L, 2L), (fromNoted.Intact, fromNoted.BrokenAt, fromNoted.AnchorsChecked));
    }

    [Fact]
    public async Task An_anchor_without_its_sequence_is_found_wherever_it_is()
    {
        var database = await AuditDatabase.CreateAsync(server, "anchor_anywhere");
        var report = await Verifier.RunAsync(database.ConnectionString, new AuditAnchor(AuditDatabase.Entry(5000).Hash, null), cancellationToken: Cancel);

        Assert.True(report.Intact, report.Problem);
        Assert.Equal(5000, report.AnchoredAt);
        Assert.Equal(12_000, report.HeadSequence);
    }

    [Fact]
    public async Task Checking_from_a_noted_entry_reads_only_that_entry_and_what_follows()
    {
        var database = await AuditDatabase.CreateAsync(server, "from_sequence");
        var anchor = new AuditAnchor(AuditDatabase.Entry(10_000).Hash, null);

        var report = await Verifier.RunAsync(database.ConnectionString, anchor, fromSequence: 10_000, cancellationToken: Cancel);
        Assert.True(report.Intact, report.Problem);
        Assert.Equal((2001L, 12_000L, 10_000L), (report.EntriesChecked, report.HeadSequence, report.AnchoredAt));
        Assert.Equal(AuditDatabase.Entry(12_000).Hash, report.HeadHash.ToArray());

        var wrong = await Verifier.RunAsync(database.ConnectionString, anchor with { Hash = AuditDatabase.Entry(9999).Hash }, fromSequence: 10_000, cancellationToken: Cancel);
        Assert.Equal((false, 10_000L), (wrong.Intact, wrong.BrokenAt));

        // Entries before the starting one were checked when the anchor was noted; a change after it is found.
        await database.TamperAsync(
            "UPDATE audit_logs.entry SET outcome = 'denied' WHERE sequence = 500",
            "UPDATE audit_logs.entry SET entity_id = 'a-0' WHERE sequence = 11000");
        var tampered = await Verifier.RunAsync(database.ConnectionString, anchor, fromSequence: 10_000, cancellationToken: Cancel);
        Assert.Equal((false, 11_000L, 1000L), (tampered.Intact, tampered.BrokenAt, tampered.EntriesChecked));
        Assert.Equal(500, (await Verifier.RunAsync(database.ConnectionString, cancellationToken: Cancel)).BrokenAt);

        await database.TamperAsync("DELETE FROM audit_logs.entry WHERE sequence = 10000");
        var missing = await Verifier.RunAsync(database.ConnectionString, anchor, fromSequence: 10_000, cancellationToken: Cancel);
        Assert.Equal((false, 10_000L), (missing.Intact, missing.BrokenAt));
        Assert.Contains("entry 10000 is missing", missing.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_part_way_needs_an_anchor_at_the_start()
    {
        var database = await AuditDatabase.CreateAsync(server, "from_without_anchor", count: 3);
        var hash = AuditDatabase.Entry(2).Hash;

        await Assert.ThrowsAsync<AuditVerifierException>(() => Verifier.RunAsync(database.ConnectionString, null, fromSequence: 2, cancellationToken: Cancel));
        await Assert.ThrowsAsync<AuditVerifierException>(() => Verifier.RunAsync(database.ConnectionString, new AuditAnchor(hash, 3), fromSequence: 2, cancellationToken: Cancel));
        await Assert.ThrowsAsync<AuditVerifierException>(() => Verifier.RunAsync(database.ConnectionString, new AuditAnchor(hash.AsMemory(0, 31), null), cancellationToken: Cancel));
        Assert.True((await Verifier.RunAsync(database.ConnectionString, new AuditAnchor(hash, 2), fromSequence: 2, cancellationToken: Cancel)).Intact);
    }

    [Fact]
    public async Task A_database_without_the_audit_table_is_an_error_not_a_verdict()
    {
        var connectionString = await server.CreateDatabaseAsync("no_audit_table");

        var e = await Assert.ThrowsAsync<AuditVerifierException>(() => Verifier.RunAsync(connectionString, cancellationToken: Cancel));

        Assert.Contains("has no audit_logs.entry table", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_or_a_database_that_does_not_exist_is_an_error_naming_where()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Host = "127.0.0.1", Port = ClosedPort(), Timeout = 5 };
        var e = await Assert.ThrowsAsync<AuditVerifierException>(() => Verifier.RunAsync(unreachable.ConnectionString, cancellationToken: Cancel));
        Assert.StartsWith($"Could not read the audit trail at 127.0.0.1:{unreachable.Port}/", e.Message, StringComparison.Ordinal);

        var absent = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = $"absent_{Guid.NewGuid():N}" };
        e = await Assert.ThrowsAsync<AuditVerifierException>(() => Verifier.RunAsync(absent.ConnectionString, cancellationToken: Cancel));
        Assert.Contains($"database \"{absent.Database}\" does not exist", e.Message, StringComparison.Ordinal);

        e = await Assert.ThrowsAsync<AuditVerifierException>(() => Verifier.RunAsync("Hots=nowhere", cancellationToken: Cancel));
        Assert.StartsWith("The connection string is not valid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Times_come_back_to_the_microsecond_they_were_sealed_with()
    {
        var database = await AuditDatabase.CreateAsync(server, "microseconds", count: 40);
        Assert.Contains(AuditDatabase.Chain.Take(40), e => e.Record.At.ToUnixTimeTicks() % Duration.FromMilliseconds(1).BclCompatibleTicks != 0);

        Assert.True((await Verifier.RunAsync(database.ConnectionString, cancellationToken: Cancel)).Intact);
    }

    /// <summary>A port nothing listens on: taken from the system, then released.</summary>
    public static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (string Update, byte[] Hash) Rehashed(long sequence)
    {
        var entry = AuditDatabase.Entry(sequence);
        var changed = entry.Record with { ActorId = "u-someone-else" };
        var hash = AuditChain.Hash(sequence, changed, entry.PreviousHash);
        return ($"UPDATE audit_logs.entry SET actor_id = '{changed.ActorId}', hash = {AuditDatabase.ByteaLiteral(hash)} WHERE sequence = {sequence}", hash);
    }
}
