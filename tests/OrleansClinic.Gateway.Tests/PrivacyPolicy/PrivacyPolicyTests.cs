using System.Net;
using NodaTime;
using OrleansClinic.Gateway.PrivacyPolicy;

namespace OrleansClinic.Gateway.Tests.PrivacyPolicy;

public sealed class PrivacyPolicyTests(ClinicApi api)
{
    [Fact]
    public async Task Anyone_reads_the_policy_in_effect_without_signing_in()
    {
        using var anonymous = api.CreateClient();
        var response = await anonymous.GetAsync("/api/v1/privacy-policy");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("public", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var policy = await response.Body();
        Assert.True(policy.GetProperty("version").GetInt32() >= 1);
        Assert.Equal("text/markdown", policy.GetProperty("contentType").GetString());
        Assert.StartsWith("# Privacy policy", policy.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("---", policy.GetProperty("content").GetString()![..10], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_version_is_read_by_number_and_an_unknown_one_is_404()
    {
        using var anonymous = api.CreateClient();
        var first = await (await anonymous.GetAsync("/api/v1/privacy-policy/1")).Body();
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal("2026-11-01", first.GetProperty("effectiveFrom").GetString());

        var unknown = await anonymous.GetAsync("/api/v1/privacy-policy/999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("urn:orleans-clinic:problem:not-found", (await unknown.Body()).GetProperty("type").GetString());
    }

    [Fact]
    public void Every_document_in_the_repository_parses_and_versions_take_effect_in_order()
    {
        var catalog = PrivacyPolicyDocuments.Load();
        Assert.NotEmpty(catalog.All);
        Assert.Equal(Enumerable.Range(1, catalog.All.Count), catalog.All.Select(v => v.Version));
    }

    [Theory]
    [InlineData("# no front matter\n", "must start with")]
    [InlineData("---\nversion: one\neffective: 2026-11-01\n---\ntext\n", "version")]
    [InlineData("---\nversion: 2\neffective: 1 Nov 2026\n---\ntext\n", "effective date")]
    public void A_malformed_document_is_refused_with_what_is_wrong(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => PrivacyPolicyDocuments.Parse("test.md", text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Front_matter_gives_version_and_date_and_the_rest_is_the_content()
    {
        var version = PrivacyPolicyDocuments.Parse("v3.md", "---\r\nversion: 3\r\neffective: 2027-02-01\r\n---\r\n# Title\r\nBody\r\n");
        Assert.Equal(3, version.Version);
        Assert.Equal(new LocalDate(2027, 2, 1), version.EffectiveFrom);
        Assert.Equal("# Title\nBody\n", version.Content);
    }
}
