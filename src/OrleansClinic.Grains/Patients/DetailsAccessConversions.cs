using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Privacy;

namespace OrleansClinic.Grains.Patients;

/// <summary>The cluster's <see cref="DetailsAccess"/> as the vault's <see cref="PiiAccess"/>.</summary>
internal static class DetailsAccessConversions
{
    /// <summary>The same who and why, for the vault's access log.</summary>
    public static PiiAccess ToPiiAccess(this DetailsAccess by) => new(by.ActorId, by.ActorRole, by.Purpose);
}
