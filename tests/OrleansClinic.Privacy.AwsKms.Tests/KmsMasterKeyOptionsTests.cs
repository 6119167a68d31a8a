using Microsoft.Extensions.Options;

namespace OrleansClinic.Privacy.AwsKms.Tests;

/// <summary>KMS settings are checked at start-up, and each failure names the setting to fix.</summary>
public sealed class KmsMasterKeyOptionsTests
{
    private const string KeyArn = "arn:aws:kms:ap-southeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    [Theory]
    [InlineData(KeyArn)]
    [InlineData("arn:aws:kms:ap-southeast-2:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab")]
    [InlineData("arn:aws:kms:ap-southeast-2:111122223333:alias/orleansclinic-pii")]
    [InlineData("arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("alias/orleansclinic-pii")]
    [InlineData("alias/orleansclinic/pii_v2")]
    public void Key_arns_and_aliases_pass(string keyId) => Assert.True(Validate(Valid(o => o.Keys[1] = keyId)).Succeeded);

    [Theory]
    [InlineData(null, "https://kms.ap-southeast-2.amazonaws.com")]
    [InlineData(null, "http://127.0.0.1:4599")]
    [InlineData(null, "http://localhost:4599/")]
    [InlineData(null, "http://[::1]:4599")]
    [InlineData("ap-southeast-2", "https://vpce-0123.kms.ap-southeast-2.vpce.amazonaws.com")]
    public void A_service_url_may_stand_in_for_the_region(string? region, string serviceUrl) =>
        Assert.True(Validate(Valid(o => (o.Region, o.ServiceUrl) = (region, serviceUrl))).Succeeded);

    public static TheoryData<string, string> Failures => new()
    {
        { "no keys", "Privacy:Vault:Kms:Keys needs at least one" },
        { "version 0", "Privacy:Vault:Kms:Keys: key versions are positive; 0 is not" },
        { "version -1", "Privacy:Vault:Kms:Keys: key versions are positive; -1 is not" },
        { "empty key id", "Privacy:Vault:Kms:Keys:1 must be a KMS key ARN" },
        { "bare key id", "Privacy:Vault:Kms:Keys:1 must be a KMS key ARN" },
        { "another service's arn", "Privacy:Vault:Kms:Keys:1 must be a KMS key ARN" },
        { "arn without account", "Privacy:Vault:Kms:Keys:1 must be a KMS key ARN" },
        { "alias without name", "Privacy:Vault:Kms:Keys:1 must be a KMS key ARN" },
        { "current version without key", "Privacy:Vault:Kms:CurrentVersion 2 has no key" },
        { "no region or service url", "Privacy:Vault:Kms:Region or Privacy:Vault:Kms:ServiceUrl is required" },
        { "relative service url", "Privacy:Vault:Kms:ServiceUrl must be an absolute http(s) URL" },
        { "ftp service url", "Privacy:Vault:Kms:ServiceUrl must be an absolute http(s) URL" },
        { "plain http off loopback", "Privacy:Vault:Kms:ServiceUrl must use https unless it is a loopback address" },
        { "timeout too short", "Privacy:Vault:Kms:RequestTimeout is 00:00:00.5000000" },
        { "timeout too long", "Privacy:Vault:Kms:RequestTimeout is 00:01:01" },
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
    public void Timeouts_of_one_second_and_one_minute_pass()
    {
        Assert.True(Validate(Valid(o => o.RequestTimeout = TimeSpan.FromSeconds(1))).Succeeded);
        Assert.True(Validate(Valid(o => o.RequestTimeout = TimeSpan.FromMinutes(1))).Succeeded);
    }

    private static Action<KmsMasterKeyOptions> Break(string row) => row switch
    {
        "no keys" => o => o.Keys.Clear(),
        "version 0" => o => o.Keys[0] = KeyArn,
        "version -1" => o => o.Keys[-1] = KeyArn,
        "empty key id" => o => o.Keys[1] = " ",
        "bare key id" => o => o.Keys[1] = "1234abcd-12ab-34cd-56ef-1234567890ab",
        "another service's arn" => o => o.Keys[1] = "arn:aws:s3:ap-southeast-2:111122223333:key/1234abcd",
        "arn without account" => o => o.Keys[1] = "arn:aws:kms:ap-southeast-2::key/1234abcd",
        "alias without name" => o => o.Keys[1] = "alias/",
        "current version without key" => o => o.CurrentVersion = 2,
        "no region or service url" => o => o.Region = null,
        "relative service url" => o => o.ServiceUrl = "/kms",
        "ftp service url" => o => o.ServiceUrl = "ftp://127.0.0.1/",
        "plain http off loopback" => o => o.ServiceUrl = "http://kms.example.test",
        "timeout too short" => o => o.RequestTimeout = TimeSpan.FromMilliseconds(500),
        "timeout too long" => o => o.RequestTimeout = TimeSpan.FromSeconds(61),
        _ => throw new ArgumentOutOfRangeException(nameof(row), row, null),
    };

    private static ValidateOptionsResult Validate(KmsMasterKeyOptions options) => new KmsMasterKeyOptionsValidator().Validate(null, options);

    private static KmsMasterKeyOptions Valid(Action<KmsMasterKeyOptions>? change = null)
    {
        var options = new KmsMasterKeyOptions { CurrentVersion = 1, Region = "ap-southeast-2" };
        options.Keys[1] = KeyArn;
        change?.Invoke(options);
        return options;
    }
}
