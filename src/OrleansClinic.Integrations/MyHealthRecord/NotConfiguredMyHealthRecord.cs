using OrleansClinic.Domain.Identity;

namespace OrleansClinic.Integrations.MyHealthRecord;

/// <summary>Placeholder until a conformance-tested My Health Record adapter exists: every call throws <see cref="IntegrationNotConfiguredException"/>.</summary>
public sealed class NotConfiguredMyHealthRecord : IMyHealthRecord
{
    /// <summary>Name used in the exception message.</summary>
    public const string IntegrationName = "My Health Record";

    /// <inheritdoc />
    public Task<MhrUploadResult> UploadDocumentAsync(HealthcareIdentifier ihi, MhrDocument document, CancellationToken cancellationToken) =>
        Task.FromException<MhrUploadResult>(new IntegrationNotConfiguredException(IntegrationName));
}
