using NodaTime;
using OrleansClinic.Domain.Identity;
using OrleansClinic.Domain.Tests.Identity;
using OrleansClinic.Integrations.HealthcareIdentifiers;
using OrleansClinic.Integrations.MyHealthRecord;

namespace OrleansClinic.Integrations.Tests;

public sealed class NotConfiguredAdapterTests
{
    private static readonly Random Random = new(83);

    private static HealthcareIdentifier Made(HealthcareIdentifierKind kind) =>
        HealthcareIdentifier.Parse(TestIdentifiers.Generate(kind, Random), kind);

    // Obviously invented demographics: nothing here may resemble a real patient.
    private static IhiSearch Search() => new("Testpatient", "Example", new LocalDate(1990, 1, 1), IhiSex.NotStated);

    [Fact]
    public async Task My_Health_Record_upload_says_the_integration_is_not_configured()
    {
        var document = new MhrDocument(Made(HealthcareIdentifierKind.HpiO), Made(HealthcareIdentifierKind.HpiI), new byte[] { 1 });

        var thrown = await Assert.ThrowsAsync<IntegrationNotConfiguredException>(
            () => new NotConfiguredMyHealthRecord().UploadDocumentAsync(Made(HealthcareIdentifierKind.Ihi), document, CancellationToken.None));

        Assert.Equal("My Health Record", thrown.Integration);
        AssertExplainsWhatIsNeeded(thrown);
    }

    [Fact]
    public async Task HI_Service_search_says_the_integration_is_not_configured()
    {
        var thrown = await Assert.ThrowsAsync<IntegrationNotConfiguredException>(
            () => new NotConfiguredHealthcareIdentifiersService().SearchIhiAsync(Search(), CancellationToken.None));

        Assert.Equal("Healthcare Identifiers Service", thrown.Integration);
        AssertExplainsWhatIsNeeded(thrown);
    }

    [Fact]
    public void The_placeholders_fail_through_the_task_like_a_real_adapter_would()
    {
        var search = new NotConfiguredHealthcareIdentifiersService().SearchIhiAsync(Search(), CancellationToken.None);

        Assert.True(search.IsFaulted);
        Assert.IsType<IntegrationNotConfiguredException>(search.Exception?.InnerException);
    }

    [Fact]
    public void An_IHI_search_does_not_print_the_demographics()
    {
        var printed = Search().ToString();

        Assert.DoesNotContain("Testpatient", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("1990", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_refuses_swapped_or_missing_identifiers()
    {
        var hpiO = Made(HealthcareIdentifierKind.HpiO);
        var hpiI = Made(HealthcareIdentifierKind.HpiI);
        byte[] package = [1];

        Assert.Throws<ArgumentException>("organisation", () => new MhrDocument(hpiI, hpiO, package));
        Assert.Throws<ArgumentException>("organisation", () => new MhrDocument(default, hpiI, package));
        Assert.Throws<ArgumentException>("author", () => new MhrDocument(hpiO, Made(HealthcareIdentifierKind.Ihi), package));
        Assert.Throws<ArgumentException>("cdaPackage", () => new MhrDocument(hpiO, hpiI, ReadOnlyMemory<byte>.Empty));
    }

    private static void AssertExplainsWhatIsNeeded(IntegrationNotConfiguredException thrown)
    {
        Assert.StartsWith(thrown.Integration + " is not configured", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("conformance", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("NASH", thrown.Message, StringComparison.Ordinal);
    }
}
