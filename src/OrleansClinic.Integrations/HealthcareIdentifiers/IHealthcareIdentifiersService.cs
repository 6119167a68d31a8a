using OrleansClinic.Domain.Identity;

namespace OrleansClinic.Integrations.HealthcareIdentifiers;

/// <summary>The clinic's view of the Healthcare Identifiers (HI) Service run by Services Australia: today only IHI search.</summary>
public interface IHealthcareIdentifiersService
{
    /// <summary>
    /// Looks up a patient's IHI from their demographics; null when the service finds no single matching, active record.
    /// </summary>
    Task<HealthcareIdentifier?> SearchIhiAsync(IhiSearch search, CancellationToken cancellationToken);
}
