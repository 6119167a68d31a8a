using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Grains.Events;

namespace OrleansClinic.Grains.Doctors;

/// <summary>The clinic's doctor list, kept current by each <see cref="DoctorGrain"/>, for browsing and slot search.</summary>
public sealed class DoctorDirectoryGrain(
    [PersistentState(ClinicStorage.DoctorDirectory, ClinicStorage.ProviderName)] IPersistentState<DoctorDirectoryState> state)
    : Grain, IDoctorDirectoryGrain
{
    /// <inheritdoc />
    public async Task Upsert(DoctorProfile doctor)
    {
        ArgumentNullException.ThrowIfNull(doctor);
        if (state.State.Doctors.TryGetValue(doctor.Id, out var known) && known.Equals(doctor))
        {
            return;
        }

        state.State.Doctors[doctor.Id] = doctor;
        await this.SaveAsync(state);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DoctorProfile>> Find(string? specialty, string? locationId)
    {
        var found = state.State.Doctors.Values
            .Where(d => specialty is null || string.Equals(d.Specialty, specialty, StringComparison.OrdinalIgnoreCase))
            .Where(d => locationId is null || string.Equals(d.LocationId, locationId, StringComparison.OrdinalIgnoreCase))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult<IReadOnlyList<DoctorProfile>>(found);
    }
}
