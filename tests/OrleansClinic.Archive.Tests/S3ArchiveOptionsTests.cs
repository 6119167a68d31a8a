using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansClinic.Archive.S3;

namespace OrleansClinic.Archive.Tests;

/// <summary>S3 archive settings are checked at start-up, and each failure names the setting to fix.</summary>
public sealed class S3ArchiveOptionsTests
{
    [Theory]
    [InlineData("orleansclinic-archive-prod")]
    [InlineData("abc")]
    [InlineData("clinic.archive.2026")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void Bucket_names_s3_accepts_pass(string bucket) => Assert.True(Validate(Valid(o => o.BucketName = bucket)).Succeeded);

    [Theory]
    [InlineData(null, "https://s3.ap-southeast-2.amazonaws.com")]
    [InlineData(null, "http://127.0.0.1:4568")]
    [InlineData(null, "http://localhost:4568/")]
    [InlineData(null, "http://[::1]:4568")]
    [InlineData("ap-southeast-2", "https://bucket.vpce-0123.s3.ap-southeast-2.vpce.amazonaws.com")]
    public void A_service_url_may_stand_in_for_the_region(string? region, string serviceUrl) =>
        Assert.True(Validate(Valid(o => (o.Region, o.ServiceUrl) = (region, serviceUrl))).Succeeded);

    public static TheoryData<string, string> Failures => new()
    {
        { "no bucket", "Archive:S3:BucketName is required" },
        { "upper case", "Archive:S3:BucketName 'Clinic-Archive' is not an S3 bucket name" },
        { "too short", "Archive:S3:BucketName 'ab' is not an S3 bucket name" },
        { "too long", "is not an S3 bucket name" },
        { "underscore", "Archive:S3:BucketName 'clinic_archive' is not an S3 bucket name" },
        { "starts with hyphen", "Archive:S3:BucketName '-clinic' is not an S3 bucket name" },
        { "ends with dot", "Archive:S3:BucketName 'clinic.' is not an S3 bucket name" },
        { "two dots", "Archive:S3:BucketName 'clinic..archive' is not an S3 bucket name" },
        { "ip address", "Archive:S3:BucketName '192.168.5.4' is not an S3 bucket name" },
        { "reserved prefix", "Archive:S3:BucketName 'xn--clinic' is not an S3 bucket name" },
        { "reserved suffix", "Archive:S3:BucketName 'clinic-s3alias' is not an S3 bucket name" },
        { "no region or service url", "Archive:S3:Region or Archive:S3:ServiceUrl is required" },
        { "malformed region", "Archive:S3:Region 'Sydney' is not an AWS region" },
        { "relative service url", "Archive:S3:ServiceUrl must be an absolute http(s) URL" },
        { "plain http off loopback", "Archive:S3:ServiceUrl must use https unless it is a loopback address" },
        { "prefix with dot-dot", "Archive:S3:KeyPrefix 'archive/..' must be empty or" },
        { "unknown tier", "Archive:S3:RestoreTier 'Fast' must be Standard, Bulk or Expedited" },
        { "timeout too short", "Archive:S3:RequestTimeout is 00:00:01" },
        { "timeout too long", "Archive:S3:RequestTimeout is 01:00:00" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Bad_settings_fail_naming_the_setting(string row, string expected)
    {
        var result = Validate(Valid(Break(row)));

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registration_serves_an_s3_store_and_refuses_bad_settings()
    {
        await using (var provider = new ServiceCollection().AddS3ArchiveStore(Configure).BuildServiceProvider())
        {
            Assert.IsType<S3ArchiveStore>(provider.GetRequiredService<IArchiveStore>());
            Assert.NotNull(provider.GetRequiredService<ArchiveWriter>());
        }

        await using var bad = new ServiceCollection().AddS3ArchiveStore(o => o.BucketName = "Bad_Bucket").BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IArchiveStore>());
        Assert.Contains("Archive:S3:BucketName 'Bad_Bucket'", e.Message, StringComparison.Ordinal);
    }

    private static Action<S3ArchiveOptions> Break(string row) => row switch
    {
        "no bucket" => o => o.BucketName = "",
        "upper case" => o => o.BucketName = "Clinic-Archive",
        "too short" => o => o.BucketName = "ab",
        "too long" => o => o.BucketName = new string('a', 64),
        "underscore" => o => o.BucketName = "clinic_archive",
        "starts with hyphen" => o => o.BucketName = "-clinic",
        "ends with dot" => o => o.BucketName = "clinic.",
        "two dots" => o => o.BucketName = "clinic..archive",
        "ip address" => o => o.BucketName = "192.168.5.4",
        "reserved prefix" => o => o.BucketName = "xn--clinic",
        "reserved suffix" => o => o.BucketName = "clinic-s3alias",
        "no region or service url" => o => o.Region = null,
        "malformed region" => o => o.Region = "Sydney",
        "relative service url" => o => o.ServiceUrl = "/s3",
        "plain http off loopback" => o => o.ServiceUrl = "http://s3.example.test",
        "prefix with dot-dot" => o => o.KeyPrefix = "archive/..",
        "unknown tier" => o => o.RestoreTier = "Fast",
        "timeout too short" => o => o.RequestTimeout = TimeSpan.FromSeconds(1),
        "timeout too long" => o => o.RequestTimeout = TimeSpan.FromHours(1),
        _ => throw new ArgumentOutOfRangeException(nameof(row), row, null),
    };

    private static ValidateOptionsResult Validate(S3ArchiveOptions options) => new S3ArchiveOptionsValidator().Validate(null, options);

    private static void Configure(S3ArchiveOptions options)
    {
        options.BucketName = "orleansclinic-archive-test";
        options.Region = "ap-southeast-2";
    }

    private static S3ArchiveOptions Valid(Action<S3ArchiveOptions> change)
    {
        var options = new S3ArchiveOptions();
        Configure(options);
        change(options);
        return options;
    }
}
