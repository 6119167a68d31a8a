using System.Text;
using Npgsql;

namespace OrleansClinic.Privacy.Tests;

/// <summary>The vault on a real PostgreSQL: storing, finding, shredding, and that no plaintext ever reaches a column.</summary>
public sealed class PostgresPiiVaultTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly LocalKeyRing ring = LocalKeyRing.Ephemeral();
    private readonly BlindIndex index = BlindIndex.Ephemeral();

    [Fact]
    public async Task A_stored_record_reads_back_and_an_unknown_patient_reads_null()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_round_trip");
        var vault = db.Vault(ring, index);

        await vault.StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);

        Assert.Equal(TestPii.Testa, await vault.ReadAsync("p-test-1", TestPii.Clerk, Cancel));
        Assert.Null(await vault.ReadAsync("p-test-unknown", TestPii.Clerk, Cancel));
    }

    [Fact]
    public async Task Storing_again_replaces_the_record_under_a_new_data_key()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_replace");
        var vault = db.Vault(ring, index);
        await vault.StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);
        var firstKey = await db.ScalarAsync<byte[]>("SELECT wrapped_key FROM users_pii_vault.patient_pii WHERE patient_id = 'p-test-1'");
        var firstCiphertext = await db.ScalarAsync<byte[]>("SELECT ciphertext FROM users_pii_vault.patient_pii WHERE patient_id = 'p-test-1'");

        await vault.StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);

        Assert.NotEqual(firstKey, await db.ScalarAsync<byte[]>("SELECT wrapped_key FROM users_pii_vault.patient_pii WHERE patient_id = 'p-test-1'"));
        Assert.NotEqual(firstCiphertext, await db.ScalarAsync<byte[]>("SELECT ciphertext FROM users_pii_vault.patient_pii WHERE patient_id = 'p-test-1'"));
        var moved = TestPii.Testa with { Email = "testa.moved@example.test" };
        await vault.StoreAsync("p-test-1", moved, TestPii.Clerk, Cancel);
        Assert.Equal(moved, await vault.ReadAsync("p-test-1", TestPii.Clerk, Cancel));
        Assert.Empty(await vault.FindByEmailAsync(TestPii.Testa.Email!, TestPii.Clerk, Cancel));
        Assert.Equal(["p-test-1"], await vault.FindByEmailAsync("testa.moved@example.test", TestPii.Clerk, Cancel));
    }

    [Fact]
    public async Task A_row_copied_onto_another_patient_does_not_decrypt()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_swap");
        var vault = db.Vault(ring, index);
        await vault.StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);
        await vault.StoreAsync("p-test-2", TestPii.Fakey, TestPii.Clerk, Cancel);

        await db.ExecuteAsync(
            """
            UPDATE users_pii_vault.patient_pii AS target
            SET key_version = source.key_version, wrapped_key = source.wrapped_key, nonce = source.nonce, ciphertext = source.ciphertext
            FROM users_pii_vault.patient_pii AS source
            WHERE source.patient_id = 'p-test-1' AND target.patient_id = 'p-test-2'
            """);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => vault.ReadAsync("p-test-2", TestPii.Clerk, Cancel));
    }

    [Fact]
    public async Task A_tampered_ciphertext_in_the_database_does_not_decrypt()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_tamper");
        var vault = db.Vault(ring, index);
        await vault.StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);

        await db.ExecuteAsync(
            "UPDATE users_pii_vault.patient_pii SET ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1) WHERE patient_id = 'p-test-1'");

        await Assert.ThrowsAnyAsync<CryptographicException>(() => vault.ReadAsync("p-test-1", TestPii.Clerk, Cancel));
    }

    [Fact]
    public async Task Any_written_form_of_an_email_or_phone_finds_the_patient()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_lookup");
        var vault = db.Vault(ring, index);
        await vault.StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);
        await vault.StoreAsync("p-test-2", TestPii.Fakey, TestPii.Clerk, Cancel);
        await vault.StoreAsync("p-test-3", TestPii.Testa with { Phone = null }, TestPii.Clerk, Cancel);

        Assert.Equal(["p-test-1", "p-test-3"], await vault.FindByEmailAsync("  testa.patientson@example.test ", TestPii.Clerk, Cancel));
        Assert.Equal(["p-test-1"], await vault.FindByPhoneAsync("+61 491 570 006", TestPii.Clerk, Cancel));
        Assert.Equal(["p-test-2"], await vault.FindByPhoneAsync("0491570156", TestPii.Clerk, Cancel));
        Assert.Equal(["p-test-2"], await vault.FindByEmailAsync("FAKEY.McTestface@example.test", TestPii.Clerk, Cancel));
        Assert.Empty(await vault.FindByEmailAsync("nobody@example.test", TestPii.Clerk, Cancel));
        Assert.Empty(await vault.FindByPhoneAsync("no digits", TestPii.Clerk, Cancel));
    }

    [Fact]
    public async Task A_vault_with_another_index_key_finds_nothing()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_index_key");
        await db.Vault(ring, index).StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);

        var otherKey = db.Vault(ring, BlindIndex.Ephemeral());

        Assert.Empty(await otherKey.FindByEmailAsync(TestPii.Testa.Email!, TestPii.Clerk, Cancel));
        Assert.Empty(await otherKey.FindByPhoneAsync(TestPii.Testa.Phone!, TestPii.Clerk, Cancel));
    }

    [Fact]
    public async Task A_shredded_record_is_gone_and_its_tombstone_holds_nothing()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_shred");
        var vault = db.Vault(ring, index);
        await vault.StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);
        await vault.StoreAsync("p-test-2", TestPii.Fakey, TestPii.Clerk, Cancel);

        Assert.True(await vault.ShredAsync("p-test-1", TestPii.Clerk, Cancel));

        Assert.Null(await vault.ReadAsync("p-test-1", TestPii.Clerk, Cancel));
        Assert.Empty(await vault.FindByEmailAsync(TestPii.Testa.Email!, TestPii.Clerk, Cancel));
        Assert.Empty(await vault.FindByPhoneAsync(TestPii.Testa.Phone!, TestPii.Clerk, Cancel));
        Assert.True(await db.ScalarAsync<bool>(
            """
            SELECT shredded_at IS NOT NULL AND key_version IS NULL AND wrapped_key IS NULL AND nonce IS NULL
                AND ciphertext IS NULL AND email_index IS NULL AND phone_index IS NULL
            FROM users_pii_vault.patient_pii WHERE patient_id = 'p-test-1'
            """));
        Assert.Equal(TestPii.Fakey, await vault.ReadAsync("p-test-2", TestPii.Clerk, Cancel));
    }

    [Fact]
    public async Task Shredding_is_final_repeatable_and_works_for_a_patient_never_stored()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_shred_final");
        var vault = db.Vault(ring, index);
        await vault.StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);
        await vault.ShredAsync("p-test-1", TestPii.Clerk, Cancel);
        var shreddedAt = await db.ScalarAsync<DateTime>("SELECT shredded_at FROM users_pii_vault.patient_pii WHERE patient_id = 'p-test-1'");

        Assert.False(await vault.ShredAsync("p-test-1", TestPii.Clerk, Cancel));
        await Assert.ThrowsAsync<PiiShreddedException>(() => vault.StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel));
        Assert.Null(await vault.ReadAsync("p-test-1", TestPii.Clerk, Cancel));
        Assert.Equal(shreddedAt, await db.ScalarAsync<DateTime>("SELECT shredded_at FROM users_pii_vault.patient_pii WHERE patient_id = 'p-test-1'"));

        Assert.True(await vault.ShredAsync("p-test-never", TestPii.Clerk, Cancel));
        await Assert.ThrowsAsync<PiiShreddedException>(() => vault.StoreAsync("p-test-never", TestPii.Fakey, TestPii.Clerk, Cancel));
    }

    [Fact]
    public async Task The_database_refuses_a_half_shredded_row()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_half_shred");
        await db.Vault(ring, index).StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecuteAsync("UPDATE users_pii_vault.patient_pii SET shredded_at = now() WHERE patient_id = 'p-test-1'"));
        Assert.Equal("patient_pii_sealed_or_shredded", error.ConstraintName);
    }

    [Fact]
    public async Task No_column_holds_the_plaintext_name_email_or_phone()
    {
        await using var db = await VaultDatabase.CreateAsync(server, "pii_no_plaintext");
        var vault = db.Vault(ring, index);
        await vault.StoreAsync("p-test-1", TestPii.Testa, TestPii.Clerk, Cancel);
        await vault.StoreAsync("p-test-2", TestPii.Fakey, TestPii.Clerk, Cancel);

        var columns = new List<(string Name, string Type)>();
        await using (var command = db.DataSource.CreateCommand(
            """
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'users_pii_vault' AND table_name = 'patient_pii' AND data_type IN ('text', 'bytea')
            """))
        await using (var reader = await command.ExecuteReaderAsync(Cancel))
        {
            while (await reader.ReadAsync(Cancel))
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Equal(6, columns.Count);

        // A positive control: the same scan does find a value that is meant to be stored in the clear.
        Assert.Equal(1, await db.ScalarAsync<long>(
            "SELECT count(*) FROM users_pii_vault.patient_pii WHERE position($1::bytea IN convert_to(patient_id, 'UTF8')) > 0",
            Encoding.UTF8.GetBytes("p-test-2")));
        var secrets = new[] { TestPii.Testa, TestPii.Fakey }
            .SelectMany(p => new[] { p.GivenNames, p.FamilyName, p.Email!, p.Email!.ToLowerInvariant(), p.Phone!, BlindIndex.NormalisePhone(p.Phone)! })
            .Append(TestPii.Testa.MedicareNumber!)
            .Append(TestPii.Testa.Ihi!)
            .Append("1980-01-01");
        foreach (var (name, type) in columns)
        {
            var bytes = type == "bytea" ? name : $"convert_to({name}, 'UTF8')";
            foreach (var secret in secrets)
            {
                var hits = await db.ScalarAsync<long>(
                    $"SELECT count(*) FROM users_pii_vault.patient_pii WHERE position($1::bytea IN {bytes}) > 0", Encoding.UTF8.GetBytes(secret));
                Assert.True(hits == 0, $"Column {name} holds a plaintext field.");
            }
        }
    }
}
