using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>The <c>aws_iam_policy_document</c> data sources of the configuration and what refers to them.</summary>
internal static partial class PolicyDocuments
{
    /// <summary>Arguments that hold an IAM-style policy, by resource type.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> PolicyArguments = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["aws_iam_role"] = ["assume_role_policy", "inline_policy"],
        ["aws_iam_role_policy"] = ["policy"],
        ["aws_iam_policy"] = ["policy"],
        ["aws_iam_user_policy"] = ["policy"],
        ["aws_iam_group_policy"] = ["policy"],
        ["aws_kms_key"] = ["policy"],
        ["aws_kms_key_policy"] = ["policy"],
        ["aws_s3_bucket_policy"] = ["policy"],
        ["aws_s3_bucket"] = ["policy"],
        ["aws_secretsmanager_secret"] = ["policy"],
        ["aws_secretsmanager_secret_policy"] = ["policy"],
        ["aws_sns_topic"] = ["policy"],
        ["aws_sns_topic_policy"] = ["policy"],
        ["aws_sqs_queue_policy"] = ["policy"],
        ["aws_cloudwatch_log_resource_policy"] = ["policy_document"],
        ["aws_msk_cluster_policy"] = ["policy"],
        ["aws_vpc_endpoint"] = ["policy"],
        ["aws_ecr_repository_policy"] = ["policy"],
    };

    /// <summary>The policy documents an argument of <paramref name="block"/> names, with the documents they are built from.</summary>
    public static IEnumerable<TerraformBlock> Referenced(TerraformBlock block, string argument) =>
        block.Body.TryGetProperty(argument, out var value) ? WithSources(block.Module, value.GetRawText()) : [];

    /// <summary>Every statement of <paramref name="document"/>, dynamic ones included.</summary>
    public static IEnumerable<PolicyStatement> Statements(TerraformBlock document) =>
        document.Nested("statement").Select(s => new PolicyStatement(
            document,
            TerraformBlock.TextOf(document.Argument(s, "sid")) ?? "",
            TerraformBlock.TextOf(document.Argument(s, "effect")) ?? "Allow",
            List(document, s, "actions"),
            List(document, s, "not_actions"),
            List(document, s, "resources"),
            List(document, s, "not_resources"),
            TerraformBlock.Nested(s, "condition").Select(c => new PolicyCondition(
                TerraformBlock.TextOf(document.Argument(c, "test")) ?? "",
                TerraformBlock.TextOf(document.Argument(c, "variable")) ?? "",
                List(document, c, "values"))).ToList()));

    private static IEnumerable<TerraformBlock> WithSources(TerraformModule module, string expression)
    {
        foreach (Match match in DocumentReference().Matches(expression))
        {
            var document = module.Data("aws_iam_policy_document").SingleOrDefault(d => d.Name == match.Groups[1].Value);
            if (document is null)
            {
                continue;
            }

            yield return document;
            if (document.Body.TryGetProperty("source_policy_documents", out var sources))
            {
                foreach (var source in WithSources(module, sources.GetRawText()))
                {
                    yield return source;
                }
            }
        }
    }

    private static List<string> List(TerraformBlock document, JsonElement body, string name) =>
        document.Argument(body, name) switch
        {
            null => [],
            { ValueKind: JsonValueKind.Array } list => list.EnumerateArray().Select(document.Module.Resolve).SelectMany(Items).ToList(),
            { } single => [TerraformBlock.TextOf(single) ?? ""],
        };

    private static IEnumerable<string> Items(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(e => TerraformBlock.TextOf(e) ?? "") : [TerraformBlock.TextOf(value) ?? ""];

    [GeneratedRegex(@"data\.aws_iam_policy_document\.([A-Za-z_][\w-]*)")]
    private static partial Regex DocumentReference();
}
