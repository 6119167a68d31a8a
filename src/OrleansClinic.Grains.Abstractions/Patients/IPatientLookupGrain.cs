namespace OrleansClinic.Grains.Abstractions.Patients;

/// <summary>
/// Finds patients by email or phone through the vault's blind indexes, so the front desk can find a caller's record
/// without a list of everyone's details. Each match is logged against the patient with <see cref="DetailsAccess"/>.
/// Use key 0.
/// </summary>
public interface IPatientLookupGrain : IGrainWithIntegerKey
{
    /// <summary>Ids of the registered patients with this email (any case or surrounding spaces), in id order.</summary>
    Task<IReadOnlyList<string>> FindByEmail(string email, DetailsAccess by);

    /// <summary>Ids of the registered patients with this phone (any written form of the same number), in id order.</summary>
    Task<IReadOnlyList<string>> FindByPhone(string phone, DetailsAccess by);
}
