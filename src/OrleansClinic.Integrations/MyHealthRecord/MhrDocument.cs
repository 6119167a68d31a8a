using OrleansClinic.Domain.Identity;

namespace OrleansClinic.Integrations.MyHealthRecord;

/// <summary>A clinical document ready for My Health Record: the signed CDA package and who is uploading it.</summary>
public sealed class MhrDocument
{
    /// <summary>Creates the document, checking that the organisation is an HPI-O and the author an HPI-I.</summary>
    public MhrDocument(HealthcareIdentifier organisation, HealthcareIdentifier author, ReadOnlyMemory<byte> cdaPackage)
    {
        // Swapped identifiers would otherwise be caught only by the national system, after the document has left the clinic.
        if (organisation.Kind != HealthcareIdentifierKind.HpiO || organisation == default)
        {
            throw new ArgumentException("The uploading organisation must be identified by its HPI-O.", nameof(organisation));
        }

        if (author.Kind != HealthcareIdentifierKind.HpiI || author == default)
        {
            throw new ArgumentException("The author must be identified by their HPI-I.", nameof(author));
        }

        if (cdaPackage.IsEmpty)
        {
            throw new ArgumentException("The CDA package is empty.", nameof(cdaPackage));
        }

        Organisation = organisation;
        Author = author;
        CdaPackage = cdaPackage;
    }

    /// <summary>HPI-O of the practice uploading the document.</summary>
    public HealthcareIdentifier Organisation { get; }

    /// <summary>HPI-I of the practitioner who wrote the document.</summary>
    public HealthcareIdentifier Author { get; }

    /// <summary>The CDA package (zip holding the CDA XML and its signature); building it is outside this interface.</summary>
    public ReadOnlyMemory<byte> CdaPackage { get; }
}
