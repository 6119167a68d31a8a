using Npgsql;

namespace OrleansClinic.Privacy.Tests;

/// <summary>
/// Every store, read and shred of a patient's record is in their access log with who and why, corrections name the
/// fields they changed, and the log cannot be rewritten. Both vaults: PostgreSQL and the embedded clinic's in-memory one.
/// </summary>
public sealed class PiiAccessLogTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly PiiAccess Patient = new("p-test-1", "patient", "self-service");
    private static readonly PiiAccess Admin = new("staff-test-admin", "admin", "ticket 42: duplicate record check");

    public static TheoryData<string> Vaults() => ["postgres", "memory"];

    [Theory]
    [MemberData(nameof(Vaults))]
    public async Task Stores_reads_corrections_and_shreds_are_logged_with_who_why_and_which_fields(string kind)
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_log_" + kind);
        var vault = db.Vault(kind);

        await vault.StoreAsync("p-test-1", TestPii.Testa, Patient, Cancel);
        await vault.ReadAsync("p-test-1", TestPii.Clerk, Cancel);
        await vault.StoreAsync("p-test-1", TestPii.Testa with { Email = "moved@example.test", Phone = null }, Patient, Cancel);
        await vault.ReadAsync("p-test-1", Admin, Cancel);
        await vault.ShredAsync("p-test-1", Admin, Cancel);
        await vault.ReadAsync("p-test-1", Admin, Cancel);

        var log = await vault.AccessLogAsync("p-test-1", Cancel);

        Assert.Equal(
            [PiiAction.Store, PiiAction.Read, PiiAction.Correct, PiiAction.Read, PiiAction.Shred, PiiAction.Read],
            log.Select(l => l.Action));
        Assert.Equal([Patient, TestPii.Clerk, Patient, Admin, Admin, Admin], log.Select(l => l.Access));
        Assert.Equal(["email", "phone"], log[2].Fields);
        Assert.All(log.Where(l => l.Action != PiiAction.Correct), l => Assert.Empty(l.Fields));
        Assert.Empty(await vault.AccessLogAsync("p-test-other", Cancel));
    }

    [Theory]
    [MemberData(nameof(Vaults))]
    public async Task A_lookup_by_email_or_phone_is_logged_against_each_patient_it_found(string kind)
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_log_lookup_" + kind);
        var vault = db.Vault(kind);
        await vault.StoreAsync("p-test-1", TestPii.Testa, Patient, Cancel);
        await vault.StoreAsync("p-test-2", TestPii.Fakey, Patient, Cancel);

        Assert.Equal(["p-test-1"], await vault.FindByEmailAsync(TestPii.Testa.Email!, Admin, Cancel));
        Assert.Equal(["p-test-2"], await vault.FindByPhoneAsync(TestPii.Fakey.Phone!, TestPii.Clerk, Cancel));
        Assert.Empty(await vault.FindByEmailAsync("nobody@example.test", Admin, Cancel));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => vault.FindByEmailAsync(TestPii.Testa.Email!, Admin with { Purpose = "" }, Cancel));

        var first = Assert.Single(await vault.AccessLogAsync("p-test-1", Cancel), l => l.Action == PiiAction.Lookup);
        Assert.Equal((Admin, "email"), (first.Access, Assert.Single(first.Fields)));
        var second = Assert.Single(await vault.AccessLogAsync("p-test-2", Cancel), l => l.Action == PiiAction.Lookup);
        Assert.Equal((TestPii.Clerk, "phone"), (second.Access, Assert.Single(second.Fields)));
    }

    [Theory]
    [MemberData(nameof(Vaults))]
    public async Task An_access_without_an_actor_or_a_reason_is_refused_and_reads_nothing(string kind)
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_log_refused_" + kind);
        var vault = db.Vault(kind);
        await vault.StoreAsync("p-test-1", TestPii.Testa, Patient, Cancel);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => vault.ReadAsync("p-test-1", Admin with { Purpose = " " }, Cancel));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => vault.ReadAsync("p-test-1", Admin with { ActorId = "" }, Cancel));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => vault.ReadAsync("p-test-1", Admin with { Purpose = new string('x', 201) }, Cancel));

        Assert.Equal([PiiAction.Store], (await vault.AccessLogAsync("p-test-1", Cancel)).Select(l => l.Action));
    }

    [Fact]
    public async Task The_postgres_log_is_append_only()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_log_append_only");
        var vault = db.Vault("postgres");
        await vault.ReadAsync("p-test-1", Admin, Cancel);

        await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("UPDATE users_pii_vault.pii_access_log SET purpose = 'nothing to see'"));
        await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("DELETE FROM users_pii_vault.pii_access_log"));

        Assert.Equal(Admin, Assert.Single(await vault.AccessLogAsync("p-test-1", Cancel)).Access);
    }
}
