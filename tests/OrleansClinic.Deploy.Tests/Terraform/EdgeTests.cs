using System.Text.Json;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>The web ACL in front of the gateway: AWS managed protections and a per-address rate limit.</summary>
public sealed class EdgeTests
{
    private static readonly string[] ManagedGroups =
    [
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
        "AWSManagedRulesSQLiRuleSet",
        "AWSManagedRulesAmazonIpReputationList",
    ];

    [Fact]
    public async Task The_web_acl_has_the_managed_rule_groups_and_a_rate_rule()
    {
        var tree = await TerraformTree.LoadAsync();
        var acls = tree.Resources("aws_wafv2_web_acl").ToList();
        Assert.NotEmpty(acls);

        var problems = new List<string>();
        foreach (var acl in acls)
        {
            var statements = acl.Nested("rule").SelectMany(r => TerraformBlock.Nested(r, "statement")).ToList();
            var groups = statements.SelectMany(s => TerraformBlock.Nested(s, "managed_rule_group_statement"))
                .Where(g => TerraformBlock.TextOf(acl.Argument(g, "vendor_name")) == "AWS")
                .Select(g => TerraformBlock.TextOf(acl.Argument(g, "name")))
                .ToHashSet(StringComparer.Ordinal);
            problems.AddRange(ManagedGroups.Where(g => !groups.Contains(g)).Select(g => $"{acl}: no rule uses the AWS managed group {g}"));

            var rateRules = acl.Nested("rule").Where(r =>
                TerraformBlock.Nested(r, "statement").SelectMany(s => TerraformBlock.Nested(s, "rate_based_statement"))
                    .Any(b => acl.Argument(b, "limit") is { ValueKind: JsonValueKind.Number } limit && limit.GetInt32() >= 10)
                && TerraformBlock.Nested(r, "action").Any(a => a.TryGetProperty("block", out _)));
            if (!rateRules.Any())
            {
                problems.Add($"{acl}: no rate-based rule that blocks");
            }

            // Managed groups must act (override none): "count" would only watch.
            problems.AddRange(acl.Nested("rule")
                .Where(r => TerraformBlock.Nested(r, "statement").Any(s => TerraformBlock.Nested(s, "managed_rule_group_statement").Any()))
                .Where(r => !TerraformBlock.Nested(r, "override_action").Any(o => o.TryGetProperty("none", out _)))
                .Select(r => $"{acl}: rule {TerraformBlock.TextOf(acl.Argument(r, "name"))} overrides its managed group's actions"));
        }

        TerraformTree.NoProblems(problems, "Web ACL rules");
    }

    [Fact]
    public async Task The_certificate_is_validated_through_dns()
    {
        var tree = await TerraformTree.LoadAsync();
        var certificates = tree.Resources("aws_acm_certificate").ToList();
        Assert.NotEmpty(certificates);

        TerraformTree.NoProblems(
            certificates.Where(c => c.Text("validation_method") != "DNS" || !c.Module.Resources("aws_acm_certificate_validation").Any(v => v.Refers("certificate_arn", c.Address)))
                .Select(c => $"{c}: not DNS-validated with an aws_acm_certificate_validation"),
            "Certificates");
    }
}
