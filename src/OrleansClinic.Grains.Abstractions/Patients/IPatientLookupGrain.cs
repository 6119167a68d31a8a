namespace OrleansClinic.Grains.Abstractions.Patients;

/// <summary>
/// Finds patients by email, phone or name through the vault's blind indexes, so the front desk can find a caller's
/// record without a list of everyone's details. Each match is logged against the patient with <see cref="DetailsAccess"/>.
/// Use key 0.
/// </summary>
public interface IPatientLookupGrain : IGrainWithIntegerKey
{
    /// <summary>Ids of the registered patients with this email (any case or surrounding spaces), in id order.</summary>
    Task<IReadOnlyList<string>> FindByEmail(string email, DetailsAccess by);

    /// <summary>Ids of the registered patients with this phone (any written form of the same number), in id order.</summary>
    Task<IReadOnlyList<string>> FindByPhone(string phone, DetailsAccess by);

    /// <summary>
    /// Ids of the registered patients whose given and family names hold every word of <paramref name="name"/> (any
    /// order, case or accents), the first 20 in id order.
    /// </summary>
    Task<IReadOnlyList<string>> FindByName(string name, DetailsAccess by);
}
