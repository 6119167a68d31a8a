using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>The Cognito user pool carries exactly the clinic's roles as groups, and a password policy and threat protection.</summary>
public sealed partial class IdentityTests
{
    [Fact]
    public async Task The_user_pool_has_a_group_for_each_clinic_role()
    {
        var tree = await TerraformTree.LoadAsync();

        // The gateway's own list (ClinicRoles): a role added there must be added to the pool too.
        var source = await File.ReadAllTextAsync(Repository.PathOf("gateway", "OrleansClinic.Gateway", "Auth", "ClinicRoles.cs"));
        var roles = RoleConstant().Matches(source).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(5, roles.Count);

        var groups = tree.Resources("aws_cognito_user_group").SelectMany(GroupNames).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(roles, groups);
    }

    [Fact]
    public async Task The_user_pool_enforces_a_password_policy_and_threat_protection()
    {
        var tree = await TerraformTree.LoadAsync();
        var pool = Assert.Single(tree.Resources("aws_cognito_user_pool"));

        var policy = Assert.Single(pool.Nested("password_policy"));
        Assert.True(pool.Argument(policy, "minimum_length") is { ValueKind: JsonValueKind.Number } length && length.GetInt32() >= 12, $"{pool}: passwords shorter than 12");
        Assert.Equal("ENFORCED", pool.Nested("user_pool_add_ons").Select(a => TerraformBlock.TextOf(pool.Argument(a, "advanced_security_mode"))).SingleOrDefault());
        Assert.Contains(pool.Text("mfa_configuration"), new[] { "OPTIONAL", "ON" });
    }

    private static IEnumerable<string> GroupNames(TerraformBlock group)
    {
        var name = group.Text("name");
        if (name != "${each.key}")
        {
            return [name ?? ""];
        }

        // for_each over a local map: its keys are the group names.
        var forEach = group.Argument("for_each");
        return forEach is { ValueKind: JsonValueKind.Object } map ? map.EnumerateObject().Select(p => p.Name) : [$"(unresolvable for_each {TerraformTree.Show(forEach)})"];
    }

    [GeneratedRegex(@"public const string \w+ = ""([a-z_]+)"";")]
    private static partial Regex RoleConstant();
}
