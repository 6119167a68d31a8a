using OrleansClinic.Grains.Abstractions.Staff;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Grains.Events;

namespace OrleansClinic.Grains.Staff;

/// <summary>The clinic's staff list, kept current by each <see cref="StaffGrain"/>, for admins and practice managers to browse.</summary>
public sealed class StaffDirectoryGrain(
    [PersistentState(ClinicStorage.StaffDirectory, ClinicStorage.ProviderName)] IPersistentState<StaffDirectoryState> state)
    : Grain, IStaffDirectoryGrain
{
    /// <inheritdoc />
    public async Task Upsert(StaffSummary member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (state.State.Members.TryGetValue(member.Id, out var known) && known.SameAs(member))
        {
            return;
        }

        state.State.Members[member.Id] = member;
        await this.SaveAsync(state);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StaffSummary>> Find(string? role)
    {
        var found = state.State.Members.Values
            .Where(m => role is null || m.Roles.Contains(role, StringComparer.Ordinal))
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult<IReadOnlyList<StaffSummary>>(found);
    }
}
