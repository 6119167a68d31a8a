using NodaTime;
using OrleansClinic.Domain.Staff;
using OrleansClinic.Grains.Abstractions.Staff;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Grains.Events;

namespace OrleansClinic.Grains.Staff;

/// <summary>A staff member's roles: the role rules applied, each change stored with its history entry and event.</summary>
public sealed class StaffGrain(
    [PersistentState(ClinicStorage.StaffMember, ClinicStorage.ProviderName)] IPersistentState<StaffState> state,
    IClock clock) : Grain, IStaffGrain
{
    /// <inheritdoc />
    public async Task<StaffResult> Create(NewStaffMember member, string actor)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        if (StaffRoleRules.CheckNew(member.Roles, member.DoctorId) is { } problem)
        {
            throw new ArgumentException($"Staff roles refused: {problem}.", nameof(member));
        }

        var roles = StaffRoles.InOrder(member.Roles);
        if (View() is { } existing)
        {
            // A retried create is answered with what it made; anything else under this id is someone else's member.
            return existing.Roles.SequenceEqual(roles) && existing.DoctorId == member.DoctorId
                ? StaffResult.Ok(await Listed(existing))
                : StaffResult.Fail(StaffError.AlreadyExists, existing);
        }

        var now = clock.GetCurrentInstant();
        state.State.CreatedAt = now;
        state.State.CreatedBy = actor;
        state.State.Roles = [.. roles];
        state.State.DoctorId = member.DoctorId;
        state.State.History.Add(new StaffRoleEntry { At = now, Actor = actor, From = [], To = [.. roles] });
        var staffId = this.GetPrimaryKeyString();
        state.State.PendingEvents.Add(ClinicEventFactory.Create("staff.created", staffId, now, new { staffId, roles, doctorId = member.DoctorId, by = actor }));
        await this.SaveAsync(state);
        return StaffResult.Ok(await Listed(View()!));
    }

    /// <inheritdoc />
    public async Task<StaffResult> SetRoles(IReadOnlyList<string> roles, string actor)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        if (StaffRoleRules.Check(roles) is { } malformed)
        {
            throw new ArgumentException($"Staff roles refused: {malformed}.", nameof(roles));
        }

        if (View() is not { } existing)
        {
            return StaffResult.Fail(StaffError.NotFound);
        }

        var staffId = this.GetPrimaryKeyString();
        if (StaffRoleRules.CheckChange(staffId, actor, existing.Roles, roles) is not null)
        {
            return StaffResult.Fail(StaffError.RemovesOwnAdmin, existing);
        }

        var next = StaffRoles.InOrder(roles);
        if (existing.Roles.SequenceEqual(next))
        {
            return StaffResult.Ok(await Listed(existing));
        }

        var now = clock.GetCurrentInstant();
        var from = existing.Roles;
        state.State.Roles = [.. next];
        state.State.History.Add(new StaffRoleEntry { At = now, Actor = actor, From = [.. from], To = [.. next] });
        state.State.PendingEvents.Add(ClinicEventFactory.Create("staff.roles_changed", staffId, now, new { staffId, from, to = next, by = actor }));
        await this.SaveAsync(state);
        return StaffResult.Ok(await Listed(View()!));
    }

    /// <inheritdoc />
    public Task<StaffMemberView?> Get() => Task.FromResult(View());

    /// <summary>Copies the member into the clinic's staff list after their own save, as DoctorGrain copies a doctor.</summary>
    private async Task<StaffMemberView> Listed(StaffMemberView member)
    {
        // Every successful command lists the member, a repeat included: if this call fails after the member's own save,
        // the caller gets the error, and their retry (the same create, the same roles again) changes nothing here but
        // lists the member. The directory writes only an entry it does not already hold.
        await GrainFactory.GetGrain<IStaffDirectoryGrain>(IStaffDirectoryGrain.ClinicKey).Upsert(StaffSummary.Of(member));
        return member;
    }

    private StaffMemberView? View() =>
        state.State.CreatedAt is { } at
            ? new StaffMemberView(
                this.GetPrimaryKeyString(),
                [.. state.State.Roles],
                state.State.DoctorId,
                at,
                state.State.CreatedBy,
                [.. state.State.History.Select(e => new StaffRoleChangeView(e.At, e.Actor, [.. e.From], [.. e.To]))])
            : null;
}
