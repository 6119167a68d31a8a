using OrleansClinic.Domain.Staff;

namespace OrleansClinic.Domain.Tests.Staff;

public sealed class StaffRoleRulesTests
{
    [Theory]
    [InlineData("doctor")]
    [InlineData("receptionist")]
    [InlineData("practice_manager")]
    [InlineData("admin")]
    [InlineData("receptionist", "practice_manager", "admin")]
    public void Any_set_of_staff_roles_may_be_held(params string[] roles) => Assert.Null(StaffRoleRules.Check(roles));

    [Fact]
    public void A_staff_member_holds_at_least_one_role()
    {
        Assert.Equal(StaffRoleProblem.NoRole, StaffRoleRules.Check([]));
        Assert.Equal(StaffRoleProblem.NoRole, StaffRoleRules.Check(null));
    }

    [Theory]
    [InlineData("patient")]
    [InlineData("Admin")]
    [InlineData("")]
    [InlineData("receptionist", "superuser")]
    public void Patients_and_made_up_roles_are_not_staff_roles(params string[] roles) =>
        Assert.Equal(StaffRoleProblem.UnknownRole, StaffRoleRules.Check(roles));

    [Fact]
    public void A_role_is_named_once() =>
        Assert.Equal(StaffRoleProblem.DuplicateRole, StaffRoleRules.Check(["admin", "receptionist", "admin"]));

    [Fact]
    public void Only_a_doctor_links_to_a_doctor()
    {
        Assert.Null(StaffRoleRules.CheckNew(["doctor"], "d-wattle"));
        Assert.Null(StaffRoleRules.CheckNew(["doctor"], null));
        Assert.Equal(StaffRoleProblem.DoctorLinkWithoutDoctorRole, StaffRoleRules.CheckNew(["receptionist"], "d-wattle"));
        Assert.Equal(StaffRoleProblem.NoRole, StaffRoleRules.CheckNew([], "d-wattle"));
    }

    [Fact]
    public void An_admin_cannot_remove_their_own_admin_role_but_may_remove_anothers()
    {
        Assert.Equal(StaffRoleProblem.RemovesOwnAdmin, StaffRoleRules.CheckChange("s-1", "s-1", ["admin"], ["receptionist"]));
        Assert.Null(StaffRoleRules.CheckChange("s-1", "s-1", ["admin"], ["admin", "practice_manager"]));
        Assert.Null(StaffRoleRules.CheckChange("s-2", "s-1", ["admin"], ["receptionist"]));
        Assert.Null(StaffRoleRules.CheckChange("s-1", "s-1", ["receptionist"], ["practice_manager"]));
    }

    [Fact]
    public void A_change_obeys_the_same_rules_as_a_new_member() =>
        Assert.Equal(StaffRoleProblem.UnknownRole, StaffRoleRules.CheckChange("s-1", "s-2", ["admin"], ["patient"]));

    [Fact]
    public void The_same_roles_read_the_same_in_any_order() =>
        Assert.Equal(["doctor", "practice_manager", "admin"], StaffRoles.InOrder(["admin", "doctor", "practice_manager"]));
}
