using OrleansClinic.Domain.Identity;

namespace OrleansClinic.Integrations.MyHealthRecord;

/// <summary>The clinic's view of the My Health Record system (through its B2B gateway): today only document upload.</summary>
public interface IMyHealthRecord
{
    /// <summary>
    /// Uploads a clinical document, already packaged as CDA, to the record of the patient identified by <paramref name="ihi"/>.
    /// Failures the system reports (no record, access withdrawn, document rejected) surface as exceptions from the adapter.
    /// </summary>
    Task<MhrUploadResult> UploadDocumentAsync(HealthcareIdentifier ihi, MhrDocument document, CancellationToken cancellationToken);
}
