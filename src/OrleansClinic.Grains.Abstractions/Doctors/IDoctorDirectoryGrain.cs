namespace OrleansClinic.Grains.Abstractions.Doctors;

/// <summary>The clinic's list of doctors, for browsing and slot search. One per clinic (key <see cref="ClinicKey"/>).</summary>
public interface IDoctorDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The key of the one directory a clinic has.</summary>
    public const string ClinicKey = "clinic";

    /// <summary>Adds or updates a doctor's entry.</summary>
    Task Upsert(DoctorProfile doctor);

    /// <summary>Doctors matching the optional specialty and location, ordered by name.</summary>
    [ReadOnly]
    Task<IReadOnlyList<DoctorProfile>> Find(string? specialty, string? locationId);
}
