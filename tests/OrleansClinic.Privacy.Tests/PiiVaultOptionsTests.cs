using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Privacy.Tests;

/// <summary>Vault settings are checked before anything is stored with them, without echoing the secrets.</summary>
public sealed class PiiVaultOptionsTests
{
    private const string ConnectionString = "Host=127.0.0.1;Database=pii_options_test";

    private readonly string masterKey = Convert.ToBase64String(TestPii.NewKey());
    private readonly string indexKey = Convert.ToBase64String(TestPii.NewKey());

    [Fact]
    public void Complete_settings_pass() => Assert.True(Validate(Valid()).Succeeded);

    [Fact]
    public void Ephemeral_keys_need_only_a_connection_string() =>
        Assert.True(Validate(new PiiVaultOptions { ConnectionString = ConnectionString, UseEphemeralKeys = true }).Succeeded);

    [Fact]
    public void A_missing_connection_string_fails() => AssertFails(Valid(o => o.ConnectionString = " "), "ConnectionString");

    [Fact]
    public void A_missing_blind_index_key_fails() => AssertFails(Valid(o => o.BlindIndexKey = null), "BlindIndexKey is required");

    [Fact]
    public void A_key_that_is_not_base64_fails() => AssertFails(Valid(o => o.BlindIndexKey = "not base64!"), "BlindIndexKey is not valid base64");

    [Fact]
    public void A_short_master_key_fails() =>
        AssertFails(Valid(o => o.KeyRing.Keys[1] = Convert.ToBase64String(new byte[16])), "KeyRing:Keys:1 is 16 bytes");

    [Fact]
    public void A_current_version_without_a_key_fails() => AssertFails(Valid(o => o.KeyRing.CurrentVersion = 2), "CurrentVersion 2 has no key");

    [Fact]
    public void With_kms_as_the_master_key_no_key_ring_is_needed_but_the_blind_index_key_is() =>
        AssertFails(Valid(o =>
        {
            (o.MasterKey, o.BlindIndexKey) = (PiiVaultOptions.AwsKmsMasterKey, null);
            o.KeyRing.Keys.Clear();
        }), "BlindIndexKey is required");

    [Fact]
    public void With_kms_and_a_blind_index_key_the_settings_pass() =>
        Assert.True(Validate(Valid(o =>
        {
            o.MasterKey = PiiVaultOptions.AwsKmsMasterKey;
            o.KeyRing.Keys.Clear();
        })).Succeeded);

    [Fact]
    public void An_unknown_master_key_kind_fails() => AssertFails(Valid(o => o.MasterKey = "hsm"), "MasterKey must be");

    [Fact]
    public void An_empty_key_ring_fails() => AssertFails(Valid(o => o.KeyRing.Keys.Clear()), "at least one master key");

    [Fact]
    public void A_non_positive_version_fails() =>
        AssertFails(Valid(o => o.KeyRing.Keys[0] = Convert.ToBase64String(TestPii.NewKey())), "0 is not");

    [Fact]
    public void The_same_key_for_the_index_and_the_ring_fails() => AssertFails(Valid(o => o.BlindIndexKey = masterKey), "must differ");

    [Fact]
    public void Failures_do_not_echo_the_keys()
    {
        var result = Validate(Valid(o => o.BlindIndexKey = masterKey));

        Assert.DoesNotContain(masterKey, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registered_vault_refuses_to_start_with_bad_settings()
    {
        using var services = new ServiceCollection().AddPiiVault(o => o.ConnectionString = ConnectionString).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IPiiVault>());
        Assert.Contains("BlindIndexKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registered_vault_uses_the_configured_key_ring()
    {
        using var services = new ServiceCollection().AddPiiVault(Configure).BuildServiceProvider();

        Assert.IsType<PostgresPiiVault>(services.GetRequiredService<IPiiVault>());
        Assert.Equal(1, Assert.IsType<LocalKeyRing>(services.GetRequiredService<IMasterKey>()).CurrentVersion);
    }

    [Fact]
    public void A_master_key_registered_first_replaces_the_local_ring()
    {
        var kms = TestPii.Ring(7, (7, TestPii.NewKey()));
        using var services = new ServiceCollection().AddSingleton<IMasterKey>(kms).AddPiiVault(Configure).BuildServiceProvider();

        Assert.Same(kms, services.GetRequiredService<IMasterKey>());
    }

    private static ValidateOptionsResult Validate(PiiVaultOptions options) => new PiiVaultOptionsValidator().Validate(null, options);

    private static void AssertFails(PiiVaultOptions options, string expected)
    {
        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    private void Configure(PiiVaultOptions options)
    {
        options.ConnectionString = ConnectionString;
        options.BlindIndexKey = indexKey;
        options.KeyRing.Keys[1] = masterKey;
        options.KeyRing.CurrentVersion = 1;
    }

    private PiiVaultOptions Valid(Action<PiiVaultOptions>? change = null)
    {
        var options = new PiiVaultOptions();
        Configure(options);
        change?.Invoke(options);
        return options;
    }
}
