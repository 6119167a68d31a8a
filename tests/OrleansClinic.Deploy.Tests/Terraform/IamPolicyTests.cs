using System.Text.RegularExpressions;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>Least privilege, checked on every policy statement: no wildcard actions, no data action on every resource.</summary>
public sealed partial class IamPolicyTests
{
    // Services that hold the clinic's data: an Allow on these never names every resource.
    private static readonly string[] DataServices = ["s3:", "kms:", "secretsmanager:", "kafka:", "kafka-cluster:", "rds:", "rds-db:", "rds-data:"];

    [Fact]
    public async Task Every_policy_is_written_as_a_policy_document_the_checks_can_read()
    {
        var tree = await TerraformTree.LoadAsync();

        var problems = new List<string>();
        foreach (var block in tree.Modules.SelectMany(m => m.Blocks).Where(b => b.Kind == "resource"))
        {
            if (!PolicyDocuments.PolicyArguments.TryGetValue(block.Type, out var arguments))
            {
                continue;
            }

            foreach (var argument in arguments.Where(a => block.Body.TryGetProperty(a, out _)))
            {
                var expression = block.Body.GetProperty(argument).GetRawText();
                if (!DocumentJson().IsMatch(expression) || !PolicyDocuments.Referenced(block, argument).Any())
                {
                    problems.Add($"{block}: {argument} = {expression} is not data.aws_iam_policy_document.<name>.json of this module");
                }
            }
        }

        TerraformTree.NoProblems(problems, "Policies the checks cannot read (jsonencode, heredocs or files)");
    }

    [Fact]
    public async Task No_statement_allows_a_wildcard_action_or_denies_a_whole_service()
    {
        var tree = await TerraformTree.LoadAsync();

        var problems = new List<string>();
        foreach (var statement in Statements(tree))
        {
            if (statement.Actions.Count == 0)
            {
                problems.Add($"{statement} names no actions");
            }

            problems.AddRange(statement.Actions.Where(a => a.Contains("${", StringComparison.Ordinal))
                .Select(a => $"{statement}: action {a} is an expression; list the actions"));
            problems.AddRange(statement.Actions.Where(a => a == "*" || a.EndsWith(":*", StringComparison.Ordinal))
                .Select(a => $"{statement}: action {a} is every action (of a service)"));
            if (statement.Effect == "Allow")
            {
                problems.AddRange(statement.Actions.Where(a => a.Contains('*', StringComparison.Ordinal) && a != "*" && !a.EndsWith(":*", StringComparison.Ordinal))
                    .Select(a => $"{statement}: allows the wildcard action {a}; name each action"));
                if (statement.NotActions.Count > 0 || statement.NotResources.Count > 0)
                {
                    problems.Add($"{statement}: an Allow with not_actions or not_resources grants everything else");
                }
            }
        }

        TerraformTree.NoProblems(problems, "Wildcard actions");
    }

    [Fact]
    public async Task No_statement_allows_a_data_action_on_every_resource()
    {
        var tree = await TerraformTree.LoadAsync();
        var keyPolicies = KeyPolicies(tree).ToHashSet();

        TerraformTree.NoProblems(
            Statements(tree)
                .Where(s => s.Effect == "Allow" && s.Resources.Contains("*") && !keyPolicies.Contains(s.Document))
                .SelectMany(s => s.Actions.Where(a => DataServices.Any(p => a.StartsWith(p, StringComparison.Ordinal))).Select(a => $"{s}: {a} on resource \"*\"")),
            "Data actions on every resource (S3, KMS, Secrets Manager, MSK, RDS)");
    }

    [Fact]
    public async Task Key_policies_name_their_key_as_the_only_resource()
    {
        // In a key policy "*" means "this key"; anything else there would be a mistake (a key policy cannot name others).
        var tree = await TerraformTree.LoadAsync();

        var keyPolicies = KeyPolicies(tree).ToList();
        Assert.NotEmpty(keyPolicies);
        TerraformTree.NoProblems(
            keyPolicies.SelectMany(PolicyDocuments.Statements).Where(s => s.Resources is not ["*"]).Select(s => $"{s}: resources {string.Join(", ", s.Resources)}"),
            "Key policy statements with resources other than the key");
    }

    private static List<PolicyStatement> Statements(TerraformTree tree)
    {
        var statements = tree.Data("aws_iam_policy_document").SelectMany(PolicyDocuments.Statements).ToList();
        Assert.NotEmpty(statements);
        return statements;
    }

    private static IEnumerable<TerraformBlock> KeyPolicies(TerraformTree tree) =>
        tree.Resources("aws_kms_key").Concat(tree.Resources("aws_kms_key_policy"))
            .SelectMany(k => PolicyDocuments.Referenced(k, "policy"))
            .Distinct();

    [GeneratedRegex(@"^""\$\{data\.aws_iam_policy_document\.[A-Za-z_][\w-]*(\[[^\]]+\])?\.json\}""$")]
    private static partial Regex DocumentJson();
}
