using Npgsql;

namespace OrleansClinic.Privacy.Tests;

/// <summary>
/// Partial erasure removes the named fields and nothing else, a shred erases everything, and each deletion is in the
/// register of deleted records, which cannot be rewritten. Both vaults.
/// </summary>
public sealed class ErasureTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly PiiAccess Request = new("p-test-1", "patient", "erasure request");

    public static TheoryData<string> Vaults() => ["postgres", "memory"];

    [Theory]
    [MemberData(nameof(Vaults))]
    public async Task Erasing_contact_fields_keeps_the_identity_drops_the_lookups_and_registers_each_field(string kind)
    {
        await using var db = await VaultDatabase.CreateAsync(server, "erase_fields_" + kind);
        var vault = db.Vault(kind);
        await vault.StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);
        await vault.StoreAsync("p-test-2", TestPii.Fakey with { MedicareNumber = null }, TestPii.Clerk, Cancel);

        var erased = await vault.EraseFieldsAsync("p-test-1", ["email", "phone"], Request, Cancel);

        Assert.Equal(["email", "phone"], erased);
        Assert.Equal(TestPii.Testa with { Email = null, Phone = null }, await vault.ReadAsync("p-test-1", TestPii.Clerk, Cancel));
        Assert.Empty(await vault.FindByEmailAsync(TestPii.Testa.Email!, TestPii.Clerk, Cancel));
        Assert.Empty(await vault.FindByPhoneAsync(TestPii.Testa.Phone!, TestPii.Clerk, Cancel));
        Assert.Equal(["p-test-2"], await vault.FindByEmailAsync(TestPii.Fakey.Email!, TestPii.Clerk, Cancel));
        var register = await vault.DeletionsAsync("p-test-1", Cancel);
        Assert.Equal(["personal_details.email", "personal_details.phone"], register.Select(r => r.DataType));
        Assert.All(register, r => Assert.Equal(("p-test-1", "hot", "erasure request"), (r.ClientId, r.Tier, r.Reason)));
        var erase = Assert.Single(await vault.AccessLogAsync("p-test-1", Cancel), l => l.Action == PiiAction.Erase);
        Assert.Equal(Request, erase.Access);
        Assert.Equal(["email", "phone"], erase.Fields);

        // Again: nothing left to erase, nothing more registered.
        Assert.Empty(await vault.EraseFieldsAsync("p-test-1", ["email", "phone"], Request, Cancel));
        Assert.Equal(2, (await vault.DeletionsAsync("p-test-1", Cancel)).Count);
        // Only fields that held a value are erased and registered.
        Assert.Equal(["email"], await vault.EraseFieldsAsync("p-test-2", ["email", "medicareNumber"], Request, Cancel));
        Assert.Equal(["personal_details.email"], (await vault.DeletionsAsync("p-test-2", Cancel)).Select(r => r.DataType));
    }

    [Theory]
    [MemberData(nameof(Vaults))]
    public async Task Names_and_date_of_birth_cannot_be_erased_on_their_own(string kind)
    {
        await using var db = await VaultDatabase.CreateAsync(server, "erase_identity_" + kind);
        var vault = db.Vault(kind);
        await vault.StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);

        await Assert.ThrowsAsync<ArgumentException>(() => vault.EraseFieldsAsync("p-test-1", ["familyName"], Request, Cancel));

        Assert.Equal(TestPii.Testa, await vault.ReadAsync("p-test-1", TestPii.Clerk, Cancel));
        Assert.Empty(await vault.DeletionsAsync("p-test-1", Cancel));
    }

    [Theory]
    [MemberData(nameof(Vaults))]
    public async Task A_shred_is_registered_once_and_a_missing_or_shredded_record_erases_nothing(string kind)
    {
        await using var db = await VaultDatabase.CreateAsync(server, "erase_shred_" + kind);
        var vault = db.Vault(kind);
        await vault.StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);

        Assert.True(await vault.ShredAsync("p-test-1", Request, Cancel));
        Assert.False(await vault.ShredAsync("p-test-1", Request, Cancel));

        var entry = Assert.Single(await vault.DeletionsAsync("p-test-1", Cancel));
        Assert.Equal(("personal_details", "erasure request"), (entry.DataType, entry.Reason));
        Assert.Empty(await vault.EraseFieldsAsync("p-test-1", ["email"], Request, Cancel));
        Assert.Empty(await vault.EraseFieldsAsync("p-test-never", ["email"], Request, Cancel));
        Assert.Empty(await vault.DeletionsAsync("p-test-never", Cancel));
    }

    [Fact]
    public async Task The_register_is_append_only_even_to_truncate()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "erase_register_append_only");
        var vault = db.Vault("postgres");
        await vault.StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);
        await vault.ShredAsync("p-test-1", Request, Cancel);

        await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("UPDATE audit_logs.deletion_register SET reason = 'tidy-up'"));
        await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("DELETE FROM audit_logs.deletion_register"));
        await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("TRUNCATE audit_logs.deletion_register"));

        Assert.Equal("erasure request", Assert.Single(await vault.DeletionsAsync("p-test-1", Cancel)).Reason);
    }
}
