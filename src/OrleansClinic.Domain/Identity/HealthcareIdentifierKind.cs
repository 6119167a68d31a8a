namespace OrleansClinic.Domain.Identity;

/// <summary>Which of the three national healthcare identifiers a number is; each kind has its own 6-digit prefix.</summary>
public enum HealthcareIdentifierKind
{
    /// <summary>Individual Healthcare Identifier: a patient (prefix 800360).</summary>
    Ihi,

    /// <summary>Healthcare Provider Identifier – Individual: a practitioner (prefix 800361).</summary>
    HpiI,

    /// <summary>Healthcare Provider Identifier – Organisation: a practice or other provider organisation (prefix 800362).</summary>
    HpiO,
}
