namespace OrleansClinic.Integrations.HealthcareIdentifiers;

/// <summary>The sex values the HI Service searches on (the AS 5017 codes M, F, I and N).</summary>
public enum IhiSex
{
    /// <summary>Not stated or inadequately described (N).</summary>
    NotStated,

    /// <summary>Male (M).</summary>
    Male,

    /// <summary>Female (F).</summary>
    Female,

    /// <summary>Intersex or indeterminate (I).</summary>
    IntersexOrIndeterminate,
}
