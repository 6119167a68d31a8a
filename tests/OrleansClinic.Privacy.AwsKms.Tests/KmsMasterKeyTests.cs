using Amazon.KeyManagementService;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Privacy.AwsKms.Tests;

/// <summary>The KMS master key through the real AWS SDK client against a KMS stand-in over HTTP.</summary>
public sealed class KmsMasterKeyTests
{
    private const string PatientId = "patient-test-0001";

    private static readonly string Key1 = KmsStandIn.KeyArn("11111111-1111-1111-1111-111111111111");
    private static readonly string Key2 = KmsStandIn.KeyArn("22222222-2222-2222-2222-222222222222");

    // 0491 570 xxx numbers are ones ACMA reserves for fiction.
    private static readonly PatientPii Testa = new(
        "Testa", "Patientson", new LocalDate(1980, 1, 1), "testa.patientson@example.test", "0491 570 006", "0000 00000 1", "TEST-IHI-0001");

    private static readonly PiiAccess Clerk = new("staff-test-clerk", "receptionist", "front desk");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_data_key_round_trips_through_kms_signed_for_kms()
    {
        await using var kms = KmsStandIn.Start(Key1);
        using var masterKey = MasterKey(kms, (1, Key1));
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var wrapped = await masterKey.WrapAsync(dataKey, PatientId, Cancellation);
        var unwrapped = await masterKey.UnwrapAsync(wrapped.Blob, PatientId, Cancellation);

        Assert.Equal(dataKey, unwrapped);
        Assert.Equal(1, wrapped.Version);
        Assert.Equal([0x02, 0, 0, 0, 1], wrapped.Blob[..5]);
        Assert.Equal(["TrentService.Encrypt", "TrentService.Decrypt"], kms.Requests.Select(r => r.Target));
        Assert.All(kms.Requests, request =>
        {
            Assert.Equal(Key1, request.KeyId);
            Assert.Equal(new Dictionary<string, string> { ["orleansclinic:patient"] = PatientId }, request.EncryptionContext);
            Assert.StartsWith("application/x-amz-json-1.1", request.ContentType, StringComparison.Ordinal);
            Assert.Matches(@"^AWS4-HMAC-SHA256 Credential=test-access-key/\d{8}/ap-southeast-2/kms/aws4_request, SignedHeaders=[a-z0-9;-]*\bx-amz-target\b[a-z0-9;-]*, Signature=[0-9a-f]{64}$", request.Authorization);
        });
    }

    [Fact]
    public async Task Another_patients_context_cannot_unwrap()
    {
        await using var kms = KmsStandIn.Start(Key1);
        using var masterKey = MasterKey(kms, (1, Key1));
        var wrapped = await masterKey.WrapAsync(RandomNumberGenerator.GetBytes(32), PatientId, Cancellation);

        await Assert.ThrowsAsync<CryptographicException>(async () => await masterKey.UnwrapAsync(wrapped.Blob, "patient-test-0002", Cancellation));
    }

    [Theory]
    [InlineData(0)] // format byte
    [InlineData(4)] // version
    [InlineData(5)] // first byte of KMS's ciphertext blob
    [InlineData(-1)] // last byte of KMS's ciphertext blob
    public async Task A_tampered_blob_cannot_unwrap(int position)
    {
        await using var kms = KmsStandIn.Start(Key1);
        using var masterKey = MasterKey(kms, (1, Key1));
        var blob = (await masterKey.WrapAsync(RandomNumberGenerator.GetBytes(32), PatientId, Cancellation)).Blob;

        blob[position < 0 ? blob.Length + position : position] ^= 0x01;

        await Assert.ThrowsAsync<CryptographicException>(async () => await masterKey.UnwrapAsync(blob, PatientId, Cancellation));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x02, 0, 0, 0, 1 })]
    [InlineData(new byte[] { 0x01, 0, 0, 0, 1, 0xAA })]
    public async Task A_blob_that_is_not_a_kms_blob_is_refused_without_calling_kms(byte[] blob)
    {
        await using var kms = KmsStandIn.Start(Key1);
        using var masterKey = MasterKey(kms, (1, Key1));

        await Assert.ThrowsAsync<CryptographicException>(async () => await masterKey.UnwrapAsync(blob, PatientId, Cancellation));
        Assert.Empty(kms.Requests);
    }

    [Fact]
    public async Task After_rotation_old_records_unwrap_and_new_ones_wrap_under_the_new_key()
    {
        await using var kms = KmsStandIn.Start(Key1, Key2);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        WrappedDataKey old;
        using (var before = MasterKey(kms, (1, Key1)))
        {
            old = await before.WrapAsync(dataKey, PatientId, Cancellation);
        }

        using var after = MasterKey(kms, 2, (1, Key1), (2, Key2));
        var unwrapped = await after.UnwrapAsync(old.Blob, PatientId, Cancellation);
        var rewrapped = await after.WrapAsync(unwrapped, PatientId, Cancellation);

        Assert.Equal(dataKey, unwrapped);
        Assert.Equal(2, rewrapped.Version);
        Assert.Equal([0x02, 0, 0, 0, 2], rewrapped.Blob[..5]);
        Assert.Equal(
            [("TrentService.Encrypt", Key1), ("TrentService.Decrypt", Key1), ("TrentService.Encrypt", Key2)],
            kms.Requests.Select(r => (r.Target, r.KeyId)));
        Assert.Equal(dataKey, await after.UnwrapAsync(rewrapped.Blob, PatientId, Cancellation));
    }

    [Fact]
    public async Task A_blob_under_a_version_no_longer_configured_is_refused()
    {
        await using var kms = KmsStandIn.Start(Key1, Key2);
        using var before = MasterKey(kms, (1, Key1));
        var old = await before.WrapAsync(RandomNumberGenerator.GetBytes(32), PatientId, Cancellation);
        using var after = MasterKey(kms, (2, Key2));

        var error = await Assert.ThrowsAsync<CryptographicException>(async () => await after.UnwrapAsync(old.Blob, PatientId, Cancellation));
        Assert.Contains("version 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_pointing_at_another_kms_key_is_refused_by_kms()
    {
        await using var kms = KmsStandIn.Start(Key1, Key2);
        using var masterKey = MasterKey(kms, 1, (1, Key1), (2, Key2));
        var blob = (await masterKey.WrapAsync(RandomNumberGenerator.GetBytes(32), PatientId, Cancellation)).Blob;

        blob[4] = 2;

        var error = await Assert.ThrowsAsync<CryptographicException>(async () => await masterKey.UnwrapAsync(blob, PatientId, Cancellation));
        Assert.IsType<Amazon.KeyManagementService.Model.IncorrectKeyException>(error.InnerException);
    }

    [Fact]
    public async Task A_kms_server_error_is_not_a_cryptographic_refusal_and_passes_once_kms_recovers()
    {
        await using var kms = KmsStandIn.Start(Key1);
        using var masterKey = MasterKey(kms, (1, Key1));
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = await masterKey.WrapAsync(dataKey, PatientId, Cancellation);
        kms.FailWith(500);

        var error = await Record.ExceptionAsync(async () => await masterKey.UnwrapAsync(wrapped.Blob, PatientId, Cancellation));

        Assert.NotNull(error);
        Assert.IsNotAssignableFrom<CryptographicException>(error);
        Assert.Equal(500, (int)Assert.IsAssignableFrom<AmazonServiceException>(error).StatusCode);
        kms.Recover();
        Assert.Equal(dataKey, await masterKey.UnwrapAsync(wrapped.Blob, PatientId, Cancellation));
    }

    [Theory]
    [InlineData(400, "DisabledException")]
    [InlineData(400, "KMSInvalidStateException")]
    [InlineData(400, "NotFoundException")]
    [InlineData(400, "AccessDeniedException")]
    [InlineData(400, "IncorrectKeyException")]
    public async Task Kms_refusals_are_cryptographic_failures(int status, string errorType)
    {
        await using var kms = KmsStandIn.Start(Key1);
        using var masterKey = MasterKey(kms, (1, Key1));
        var wrapped = await masterKey.WrapAsync(RandomNumberGenerator.GetBytes(32), PatientId, Cancellation);
        kms.FailWith(status, errorType);

        var error = await Assert.ThrowsAsync<CryptographicException>(async () => await masterKey.UnwrapAsync(wrapped.Blob, PatientId, Cancellation));

        Assert.Equal(errorType, Assert.IsAssignableFrom<AmazonServiceException>(error.InnerException).ErrorCode);
    }

    [Theory]
    [InlineData(400, "ThrottlingException")]
    [InlineData(500, "KMSInternalException")]
    [InlineData(500, "KeyUnavailableException")]
    [InlineData(503, "DependencyTimeoutException")]
    public async Task Transient_kms_errors_propagate_as_the_sdk_throws_them(int status, string errorType)
    {
        await using var kms = KmsStandIn.Start(Key1);
        using var masterKey = MasterKey(kms, (1, Key1));
        var wrapped = await masterKey.WrapAsync(RandomNumberGenerator.GetBytes(32), PatientId, Cancellation);
        kms.FailWith(status, errorType);

        var error = await Record.ExceptionAsync(async () => await masterKey.UnwrapAsync(wrapped.Blob, PatientId, Cancellation));

        Assert.Equal(errorType, Assert.IsAssignableFrom<AmazonServiceException>(error).ErrorCode);
    }

    [Fact]
    public async Task Kms_being_unreachable_surfaces_as_a_network_error_not_a_refusal()
    {
        await using var kms = KmsStandIn.Start(Key1);
        using var masterKey = MasterKey(kms, (1, Key1));
        var wrapped = await masterKey.WrapAsync(RandomNumberGenerator.GetBytes(32), PatientId, Cancellation);
        await kms.StopAsync();

        var error = await Record.ExceptionAsync(async () => await masterKey.UnwrapAsync(wrapped.Blob, PatientId, Cancellation));

        Assert.IsType<HttpRequestException>(error);
    }

    [Fact]
    public async Task The_pii_vault_seals_and_reads_records_with_kms()
    {
        await using var kms = KmsStandIn.Start(Key1);
        using var masterKey = MasterKey(kms, (1, Key1));
        var vault = new InMemoryPiiVault(masterKey, BlindIndex.Ephemeral(), SystemClock.Instance);

        await vault.StoreAsync(PatientId, Testa, Clerk, Cancellation);

        Assert.Equal(Testa, await vault.ReadAsync(PatientId, Clerk, Cancellation));
        Assert.Contains(kms.Requests, r => r.Target == "TrentService.Encrypt" && r.EncryptionContext?["orleansclinic:patient"] == PatientId);
    }

    [Fact]
    public async Task A_data_key_of_the_wrong_size_is_refused()
    {
        await using var kms = KmsStandIn.Start(Key1);
        using var masterKey = MasterKey(kms, (1, Key1));

        await Assert.ThrowsAsync<ArgumentException>(async () => await masterKey.WrapAsync(new byte[16], PatientId, Cancellation));
    }

    [Fact]
    public async Task The_registered_master_key_is_kms_and_the_vault_uses_it()
    {
        await using var kms = KmsStandIn.Start(Key1);
        await using var services = new ServiceCollection()
            .AddAwsKmsMasterKey(o =>
            {
                o.Keys[1] = Key1;
                o.CurrentVersion = 1;
                o.ServiceUrl = kms.Url.ToString();
            })
            .AddInMemoryPiiVault()
            .BuildServiceProvider();

        Assert.IsType<KmsMasterKey>(services.GetRequiredService<IMasterKey>());
        var vault = services.GetRequiredService<IPiiVault>();
        await vault.StoreAsync(PatientId, Testa, Clerk, Cancellation);
        Assert.Equal(Testa, await vault.ReadAsync(PatientId, Clerk, Cancellation));
        Assert.Contains("/us-east-1/kms/aws4_request", kms.Requests[0].Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_kms_after_the_vault_still_replaces_the_local_ring()
    {
        using var services = new ServiceCollection()
            .AddInMemoryPiiVault()
            .AddAwsKmsMasterKey(o =>
            {
                o.Keys[1] = Key1;
                o.CurrentVersion = 1;
                o.Region = "ap-southeast-2";
            })
            .BuildServiceProvider();

        Assert.IsType<KmsMasterKey>(services.GetRequiredService<IMasterKey>());
    }

    [Fact]
    public void The_registered_master_key_refuses_to_start_with_bad_settings()
    {
        using var services = new ServiceCollection().AddAwsKmsMasterKey(o => o.Region = "ap-southeast-2").AddInMemoryPiiVault().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IMasterKey>());
        Assert.Contains("Privacy:Vault:Kms:Keys", error.Message, StringComparison.Ordinal);
    }

    private static KmsMasterKey MasterKey(KmsStandIn kms, params (int Version, string KeyId)[] keys) => MasterKey(kms, keys[^1].Version, keys);

    private static KmsMasterKey MasterKey(KmsStandIn kms, int current, params (int Version, string KeyId)[] keys)
    {
        var options = new KmsMasterKeyOptions { CurrentVersion = current, ServiceUrl = kms.Url.ToString() };
        foreach (var (version, keyId) in keys)
        {
            options.Keys[version] = keyId;
        }

        // One retry at most, so an outage fails fast; the SDK's default would retry with back-off.
        var client = new AmazonKeyManagementServiceClient(
            new BasicAWSCredentials("test-access-key", "test-secret-key"),
            new AmazonKeyManagementServiceConfig { ServiceURL = options.ServiceUrl, AuthenticationRegion = "ap-southeast-2", MaxErrorRetry = 1 });
        return new KmsMasterKey(client, options, ownsClient: true);
    }
}
