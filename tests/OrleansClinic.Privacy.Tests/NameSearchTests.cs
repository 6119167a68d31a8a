using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansClinic.Privacy.Tests;

/// <summary>
/// Finding a patient by name through the name index: every token must match, in any case or accents; the index follows
/// corrections and shreds; each match is logged; and records stored before the index get their tokens. Both vaults.
/// </summary>
public sealed class NameSearchTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly PatientPii Zoe = new("Zoë Testa", "O'Quokka-Bilby", new LocalDate(1985, 5, 5), "zoe.quokka@example.test");
    private static readonly PatientPii Numbat = new("Testa", "Numbat", new LocalDate(1986, 6, 6));

    public static TheoryData<string> Vaults() => ["postgres", "memory"];

    [Theory]
    [MemberData(nameof(Vaults))]
    public async Task Every_token_must_match_in_any_case_order_or_accents(string kind)
    {
        await using var db = await VaultDatabase.CreateAsync(server, "name_tokens_" + kind);
        var vault = db.Vault(kind);
        await vault.StoreAsync("p-test-1", Zoe, TestPii.Clerk, Cancel);
        await vault.StoreAsync("p-test-2", Numbat, TestPii.Clerk, Cancel);

        Assert.Equal(["p-test-1"], await vault.FindByNameAsync("zoe", TestPii.Clerk, Cancel));
        Assert.Equal(["p-test-1"], await vault.FindByNameAsync("ZOE\u0308 o’quokka", TestPii.Clerk, Cancel));
        Assert.Equal(["p-test-1"], await vault.FindByNameAsync("Bilby, Zoé", TestPii.Clerk, Cancel));
        Assert.Equal(["p-test-1", "p-test-2"], await vault.FindByNameAsync("TESTA", TestPii.Clerk, Cancel));
        Assert.Equal(["p-test-2"], await vault.FindByNameAsync("testa numbat", TestPii.Clerk, Cancel));
        Assert.Empty(await vault.FindByNameAsync("zoe numbat", TestPii.Clerk, Cancel));
        Assert.Empty(await vault.FindByNameAsync("quok", TestPii.Clerk, Cancel));
        Assert.Empty(await vault.FindByNameAsync(" - ", TestPii.Clerk, Cancel));
    }

    [Theory]
    [MemberData(nameof(Vaults))]
    public async Task A_lookup_by_name_is_logged_against_each_patient_found_and_needs_a_reason(string kind)
    {
        await using var db = await VaultDatabase.CreateAsync(server, "name_log_" + kind);
        var vault = db.Vault(kind);
        await vault.StoreAsync("p-test-1", Zoe, TestPii.Clerk, Cancel);
        await vault.StoreAsync("p-test-2", Numbat, TestPii.Clerk, Cancel);
        var manager = new PiiAccess("staff-test-manager", "practice_manager", "caller asked about a booking");

        Assert.Equal(["p-test-2"], await vault.FindByNameAsync("Numbat", manager, Cancel));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => vault.FindByNameAsync("Numbat", manager with { Purpose = "" }, Cancel));

        var lookup = Assert.Single(await vault.AccessLogAsync("p-test-2", Cancel), l => l.Action == PiiAction.Lookup);
        Assert.Equal((manager, "name"), (lookup.Access, Assert.Single(lookup.Fields)));
        Assert.DoesNotContain(await vault.AccessLogAsync("p-test-1", Cancel), l => l.Action == PiiAction.Lookup);
    }

    [Theory]
    [MemberData(nameof(Vaults))]
    public async Task A_corrected_name_is_found_by_the_new_name_only_and_a_shredded_patient_not_at_all(string kind)
    {
        await using var db = await VaultDatabase.CreateAsync(server, "name_follow_" + kind);
        var vault = db.Vault(kind);
        await vault.StoreAsync("p-test-1", Zoe, TestPii.Clerk, Cancel);
        await vault.StoreAsync("p-test-2", Numbat, TestPii.Clerk, Cancel);
        Assert.Equal(["p-test-1"], await vault.FindByNameAsync("O'Quokka", TestPii.Clerk, Cancel));

        await vault.StoreAsync("p-test-1", Zoe with { FamilyName = "Wombat" }, TestPii.Clerk, Cancel);
        await vault.ShredAsync("p-test-2", TestPii.Clerk, Cancel);

        Assert.Empty(await vault.FindByNameAsync("O'Quokka", TestPii.Clerk, Cancel));
        Assert.Empty(await vault.FindByNameAsync("Bilby", TestPii.Clerk, Cancel));
        Assert.Equal(["p-test-1"], await vault.FindByNameAsync("Zoe Wombat", TestPii.Clerk, Cancel));
        Assert.Equal(["p-test-1"], await vault.FindByNameAsync("Testa", TestPii.Clerk, Cancel));
        Assert.Empty(await vault.FindByNameAsync("Numbat", TestPii.Clerk, Cancel));
        Assert.DoesNotContain(await vault.AccessLogAsync("p-test-2", Cancel), l => l.Action == PiiAction.Lookup);
        if (kind == "postgres")
        {
            Assert.Empty(await Tokens(db, "p-test-2"));
            Assert.Equal(3, (await Tokens(db, "p-test-1")).Count);
        }


        // A partial erasure keeps the names the health record is kept under, so the record is still found by them.
        Assert.Equal(["email"], await vault.EraseFieldsAsync("p-test-1", ["email"], TestPii.Clerk, Cancel));
        Assert.Equal(["p-test-1"], await vault.FindByNameAsync("Wombat", TestPii.Clerk, Cancel));
    }

    [Theory]
    [MemberData(nameof(Vaults))]
    public async Task A_common_name_answers_the_first_twenty_patients_in_id_order(string kind)
    {
        await using var db = await VaultDatabase.CreateAsync(server, "name_cap_" + kind);
        var vault = db.Vault(kind);
        for (var n = 1; n <= IPiiVault.MaxNameMatches + 2; n++)
        {
            await vault.StoreAsync($"p-test-{n:D2}", TestPii.Numbered(n), TestPii.Clerk, Cancel);
        }

        var found = await vault.FindByNameAsync("Patientson", TestPii.Clerk, Cancel);

        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"p-test-{n:D2}"), found);
        Assert.Single(await vault.AccessLogAsync("p-test-20", Cancel), l => l.Action == PiiAction.Lookup);
        Assert.DoesNotContain(await vault.AccessLogAsync("p-test-21", Cancel), l => l.Action == PiiAction.Lookup);
        Assert.Equal(["p-test-22"], await vault.FindByNameAsync("patientson testa22", TestPii.Clerk, Cancel));
    }

    [Fact]
    public async Task The_index_holds_keyed_hashes_of_the_tokens_that_another_key_cannot_find()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "name_hashes");
        var ring = LocalKeyRing.Ephemeral();
        var index = BlindIndex.Ephemeral();
        await db.Vault(ring, index).StoreAsync("p-test-1", Zoe, TestPii.Clerk, Cancel);

        var stored = await Tokens(db, "p-test-1");

        Assert.Equal(index.ForName("zoe", "testa", "oquokka", "bilby").Select(Convert.ToHexString).Order(), stored.Order());
        Assert.Empty(await db.Vault(ring, BlindIndex.Ephemeral()).FindByNameAsync("Zoe", TestPii.Clerk, Cancel));
    }

    [Fact]
    public async Task Records_stored_before_the_index_are_indexed_once_and_each_opening_is_logged()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "name_backfill");
        var vault = db.Vault(LocalKeyRing.Ephemeral(), BlindIndex.Ephemeral());
        await vault.StoreAsync("p-test-1", Zoe, TestPii.Clerk, Cancel);
        await vault.StoreAsync("p-test-2", Numbat, TestPii.Clerk, Cancel);
        await vault.StoreAsync("p-test-3", TestPii.Fakey, TestPii.Clerk, Cancel);
        await vault.ShredAsync("p-test-3", TestPii.Clerk, Cancel);
        // As a record stored before migration 0018 is: no tokens.
        await db.ExecuteAsync("DELETE FROM users_pii_vault.patient_name_token");
        Assert.Empty(await vault.FindByNameAsync("Testa", TestPii.Clerk, Cancel));

        Assert.Equal(2, await vault.IndexNamesAsync(batchSize: 1, Cancel));
        Assert.Equal(0, await vault.IndexNamesAsync(cancellationToken: Cancel));

        Assert.Equal(["p-test-1", "p-test-2"], await vault.FindByNameAsync("Testa", TestPii.Clerk, Cancel));
        foreach (var id in new[] { "p-test-1", "p-test-2" })
        {
            var read = Assert.Single(await vault.AccessLogAsync(id, Cancel), l => l.Action == PiiAction.Read);
            Assert.Equal(("system:pii-vault", "system"), (read.Access.ActorId, read.Access.ActorRole));
        }

        Assert.DoesNotContain(await vault.AccessLogAsync("p-test-3", Cancel), l => l.Action == PiiAction.Read);
        Assert.Empty(await Tokens(db, "p-test-3"));
    }

    [Fact]
    public async Task The_background_backfill_waits_for_the_host_to_start_then_indexes()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "name_backfill_host");
        var vault = db.Vault(LocalKeyRing.Ephemeral(), BlindIndex.Ephemeral());
        await vault.StoreAsync("p-test-1", Zoe, TestPii.Clerk, Cancel);
        await db.ExecuteAsync("DELETE FROM users_pii_vault.patient_name_token");
        using var lifetime = new StartingHost();
        using var backfill = new NameIndexBackfill(vault, lifetime, NullLogger<NameIndexBackfill>.Instance);

        await backfill.StartAsync(Cancel);
        await Task.Delay(200, Cancel);
        Assert.Empty(await Tokens(db, "p-test-1"));
        await lifetime.StartedAsync();
        await backfill.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.Equal(["p-test-1"], await vault.FindByNameAsync("Bilby", TestPii.Clerk, Cancel));
        await backfill.StopAsync(Cancel);
    }

    private static async Task<List<string>> Tokens(VaultDatabase db, string patientId)
    {
        var tokens = new List<string>();
        await using var command = db.DataSource.CreateCommand("SELECT token FROM users_pii_vault.patient_name_token WHERE patient_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = patientId });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            tokens.Add(Convert.ToHexString(reader.GetFieldValue<byte[]>(0)));
        }

        return tokens;
    }

    /// <summary>A host that has not finished starting until the test says so.</summary>
    private sealed class StartingHost : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource started = new();

        public CancellationToken ApplicationStarted => started.Token;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public Task StartedAsync() => started.CancelAsync();

        public void StopApplication()
        {
        }

        public void Dispose() => started.Dispose();
    }
}
