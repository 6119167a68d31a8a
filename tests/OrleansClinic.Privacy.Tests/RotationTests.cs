namespace OrleansClinic.Privacy.Tests;

/// <summary>Master-key rotation: a new current version, rewrapping in batches while reads go on, then retiring the old one.</summary>
public sealed class RotationTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly byte[] v1 = TestPii.NewKey();
    private readonly byte[] v2 = TestPii.NewKey();
    private readonly BlindIndex index = BlindIndex.Ephemeral();

    [Fact]
    public async Task Records_move_from_v1_to_v2_and_read_after_v1_is_retired()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_rotation");
        var before = db.Vault(TestPii.Ring(1, (1, v1)), index);
        for (var n = 1; n <= 5; n++)
        {
            await before.StoreAsync($"p-test-{n}", TestPii.Numbered(n), TestPii.Clerk, Cancel);
        }

        await before.ShredAsync("p-test-5", TestPii.Clerk, Cancel);

        // Both versions held, v2 current: old records still read, new ones go under v2.
        var during = db.Vault(TestPii.Ring(2, (1, v1), (2, v2)), index);
        await during.StoreAsync("p-test-6", TestPii.Numbered(6), TestPii.Clerk, Cancel);
        Assert.Equal(TestPii.Numbered(1), await during.ReadAsync("p-test-1", TestPii.Clerk, Cancel));
        Assert.Equal(new Dictionary<int, long> { [1] = 4, [2] = 1 }, await during.CountByKeyVersionAsync(Cancel));

        Assert.Equal(4, await during.RewrapAsync(batchSize: 3, Cancel));
        Assert.Equal(0, await during.RewrapAsync(batchSize: 3, Cancel));
        Assert.Equal(new Dictionary<int, long> { [2] = 5 }, await during.CountByKeyVersionAsync(Cancel));

        var after = db.Vault(TestPii.Ring(2, (2, v2)), index);
        foreach (var n in new[] { 1, 2, 3, 4, 6 })
        {
            Assert.Equal(TestPii.Numbered(n), await after.ReadAsync($"p-test-{n}", TestPii.Clerk, Cancel));
        }

        Assert.Null(await after.ReadAsync("p-test-5", TestPii.Clerk, Cancel));
        Assert.Equal(["p-test-2"], await after.FindByEmailAsync("testa2@example.test", TestPii.Clerk, Cancel));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => before.ReadAsync("p-test-1", TestPii.Clerk, Cancel));
    }

    [Fact]
    public async Task Reads_keep_working_while_a_rewrap_runs()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_rotation_live");
        var before = db.Vault(TestPii.Ring(1, (1, v1)), index);
        const int patients = 40;
        for (var n = 1; n <= patients; n++)
        {
            await before.StoreAsync($"p-test-{n:00}", TestPii.Numbered(n), TestPii.Clerk, Cancel);
        }

        var during = db.Vault(TestPii.Ring(2, (1, v1), (2, v2)), index);
        var rewrap = Task.Run(() => during.RewrapAsync(batchSize: 4, Cancel), Cancel);
        var reads = 0;
        do
        {
            var n = (reads % patients) + 1;
            Assert.Equal(TestPii.Numbered(n), await during.ReadAsync($"p-test-{n:00}", TestPii.Clerk, Cancel));
            reads++;
        }
        while (!rewrap.IsCompleted);

        Assert.Equal(patients, await rewrap);
        Assert.Equal(new Dictionary<int, long> { [2] = patients }, await during.CountByKeyVersionAsync(Cancel));
    }

    [Fact]
    public async Task A_store_between_a_rewraps_read_and_write_wins()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_rotation_race");
        var both = TestPii.Ring(2, (1, v1), (2, v2));
        await db.Vault(TestPii.Ring(1, (1, v1)), index).StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);
        var writer = db.Vault(both, index);
        var rewrapper = db.Vault(new InterruptedMasterKey(both, () => writer.StoreAsync("p-test-1", TestPii.Fakey, TestPii.Clerk, Cancel)), index);

        Assert.Equal(0, await rewrapper.RewrapAsync(batchSize: 10, Cancel));

        Assert.Equal(TestPii.Fakey, await writer.ReadAsync("p-test-1", TestPii.Clerk, Cancel));
        Assert.Equal(new Dictionary<int, long> { [2] = 1 }, await writer.CountByKeyVersionAsync(Cancel));
    }

    [Fact]
    public async Task A_rewrap_stops_on_a_key_the_ring_no_longer_holds()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_rotation_missing");
        await db.Vault(TestPii.Ring(1, (1, v1)), index).StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);

        var retiredTooEarly = db.Vault(TestPii.Ring(2, (2, v2)), index);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => retiredTooEarly.RewrapAsync(10, Cancel));
        Assert.Equal(new Dictionary<int, long> { [1] = 1 }, await retiredTooEarly.CountByKeyVersionAsync(Cancel));
    }
}
