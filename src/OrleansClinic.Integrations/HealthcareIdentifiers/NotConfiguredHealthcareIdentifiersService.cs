using OrleansClinic.Domain.Identity;

namespace OrleansClinic.Integrations.HealthcareIdentifiers;

/// <summary>Placeholder until a conformance-tested HI Service adapter exists: every call throws <see cref="IntegrationNotConfiguredException"/>.</summary>
public sealed class NotConfiguredHealthcareIdentifiersService : IHealthcareIdentifiersService
{
    /// <summary>Name used in the exception message.</summary>
    public const string IntegrationName = "Healthcare Identifiers Service";

    /// <inheritdoc />
    public Task<HealthcareIdentifier?> SearchIhiAsync(IhiSearch search, CancellationToken cancellationToken) =>
        Task.FromException<HealthcareIdentifier?>(new IntegrationNotConfiguredException(IntegrationName));
}
