using OrleansClinic.Grains.Abstractions.Staff;

namespace OrleansClinic.Grains.Tests;

public sealed class StaffGrainTests(MemoryCluster cluster)
{
    private const string Admin = "s-admin-grain";

    private IStaffGrain NewMember() => cluster.Grains.GetGrain<IStaffGrain>("s-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task A_new_member_is_stored_with_roles_in_order_and_a_first_history_entry()
    {
        var member = NewMember();
        Assert.Null(await member.Get());

        var created = await member.Create(new NewStaffMember(["admin", "receptionist"], null), Admin);

        Assert.True(created.Succeeded);
        var view = await member.Get();
        Assert.NotNull(view);
        Assert.Equal(["receptionist", "admin"], view.Roles);
        Assert.Equal(Admin, view.CreatedBy);
        var first = Assert.Single(view.History);
        Assert.Empty(first.From);
        Assert.Equal(["receptionist", "admin"], first.To);
    }

    [Fact]
    public async Task Creating_again_with_the_same_details_changes_nothing_and_different_details_conflict()
    {
        var member = NewMember();
        var first = await member.Create(new NewStaffMember(["doctor"], "d-wattle"), Admin);

        var retry = await member.Create(new NewStaffMember(["doctor"], "d-wattle"), "s-another-admin");
        var different = await member.Create(new NewStaffMember(["doctor"], "d-banksia"), Admin);

        Assert.True(retry.Succeeded);
        Assert.Equal(first.Member!.CreatedAt, retry.Member!.CreatedAt);
        Assert.Equal(Admin, retry.Member.CreatedBy);
        Assert.Equal(StaffError.AlreadyExists, different.Error);
        Assert.Equal("d-wattle", (await member.Get())!.DoctorId);
    }

    [Fact]
    public async Task Role_changes_append_to_the_history_and_a_repeat_records_nothing()
    {
        var member = NewMember();
        await member.Create(new NewStaffMember(["receptionist"], null), Admin);

        await member.SetRoles(["practice_manager", "receptionist"], Admin);
        await member.SetRoles(["receptionist", "practice_manager"], Admin);
        var last = await member.SetRoles(["practice_manager"], "s-second-admin");

        Assert.True(last.Succeeded);
        var history = (await member.Get())!.History;
        Assert.Equal(3, history.Count);
        Assert.Equal(["receptionist"], history[1].From);
        Assert.Equal(["receptionist", "practice_manager"], history[1].To);
        Assert.Equal(["practice_manager"], history[2].To);
        Assert.Equal("s-second-admin", history[2].Actor);
    }

    [Fact]
    public async Task An_admin_keeps_their_own_admin_role_and_another_admin_may_take_it()
    {
        var id = "s-" + Guid.NewGuid().ToString("N")[..12];
        var member = cluster.Grains.GetGrain<IStaffGrain>(id);
        await member.Create(new NewStaffMember(["admin"], null), Admin);

        var own = await member.SetRoles(["receptionist"], id);
        Assert.Equal(StaffError.RemovesOwnAdmin, own.Error);
        Assert.Equal(["admin"], (await member.Get())!.Roles);

        Assert.True((await member.SetRoles(["receptionist"], Admin)).Succeeded);
        Assert.Equal(["receptionist"], (await member.Get())!.Roles);
    }

    [Fact]
    public async Task Changing_roles_of_no_one_is_not_found_and_creates_nothing()
    {
        var member = NewMember();
        Assert.Equal(StaffError.NotFound, (await member.SetRoles(["admin"], Admin)).Error);
        Assert.Null(await member.Get());
    }

    [Fact]
    public async Task Roles_outside_the_staff_roles_are_refused()
    {
        var member = NewMember();
        await Assert.ThrowsAsync<ArgumentException>(() => member.Create(new NewStaffMember(["patient"], null), Admin));
        await Assert.ThrowsAsync<ArgumentException>(() => member.Create(new NewStaffMember(["receptionist"], "d-wattle"), Admin));
        Assert.Null(await member.Get());
    }
}
