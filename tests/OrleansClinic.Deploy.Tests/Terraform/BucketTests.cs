using System.Text.Json;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>Every S3 bucket is encrypted with a customer managed key, versioned, private, owner-enforced and TLS-only.</summary>
public sealed class BucketTests
{
    [Fact]
    public async Task Every_bucket_encrypts_with_a_kms_key_and_a_bucket_key()
    {
        var tree = await TerraformTree.LoadAsync();

        TerraformTree.NoProblems(
            Buckets(tree).Where(b => !Companions(b, "aws_s3_bucket_server_side_encryption_configuration").Any(c => c.Nested("rule").Any(rule =>
                c.Argument(rule, "bucket_key_enabled")?.ValueKind == JsonValueKind.True
                && TerraformBlock.Nested(rule, "apply_server_side_encryption_by_default").Any(d =>
                    TerraformBlock.TextOf(c.Argument(d, "sse_algorithm")) == "aws:kms"
                    && !string.IsNullOrEmpty(TerraformBlock.TextOf(c.Argument(d, "kms_master_key_id")))))))
                .Select(b => $"{b} has no SSE-KMS default encryption with a KMS key and a bucket key"),
            "Buckets without SSE-KMS");
    }

    [Fact]
    public async Task Every_bucket_is_versioned()
    {
        var tree = await TerraformTree.LoadAsync();

        TerraformTree.NoProblems(
            Buckets(tree).Where(b => !Companions(b, "aws_s3_bucket_versioning").Any(c =>
                    c.Nested("versioning_configuration").Any(v => TerraformBlock.TextOf(c.Argument(v, "status")) == "Enabled")))
                .Select(b => $"{b} is not versioned"),
            "Unversioned buckets");
    }

    [Fact]
    public async Task Every_bucket_blocks_all_four_kinds_of_public_access()
    {
        var tree = await TerraformTree.LoadAsync();
        string[] settings = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

        TerraformTree.NoProblems(
            Buckets(tree).Where(b => !Companions(b, "aws_s3_bucket_public_access_block").Any(c => settings.All(c.IsTrue)))
                .Select(b => $"{b} lacks a public access block with {string.Join(", ", settings)} all true"),
            "Buckets open to public access");
    }

    [Fact]
    public async Task Every_bucket_enforces_its_owner_and_refuses_plain_http()
    {
        var tree = await TerraformTree.LoadAsync();

        var problems = new List<string>();
        foreach (var bucket in Buckets(tree))
        {
            if (!Companions(bucket, "aws_s3_bucket_ownership_controls").Any(c =>
                    c.Nested("rule").Any(r => TerraformBlock.TextOf(c.Argument(r, "object_ownership")) == "BucketOwnerEnforced")))
            {
                problems.Add($"{bucket} does not enforce BucketOwnerEnforced (ACLs off)");
            }

            var policies = Companions(bucket, "aws_s3_bucket_policy").SelectMany(p => PolicyDocuments.Referenced(p, "policy"));
            if (!policies.SelectMany(PolicyDocuments.Statements).Any(s =>
                    s.Effect == "Deny" && s.Conditions.Any(c => c is { Variable: "aws:SecureTransport", Values: ["false"] })))
            {
                problems.Add($"{bucket} has no bucket policy denying requests without TLS (aws:SecureTransport false)");
            }
        }

        TerraformTree.NoProblems(problems, "Buckets without owner enforcement or TLS-only policy");
    }

    [Fact]
    public async Task The_archive_moves_to_standard_ia_glacier_and_deep_archive_and_destroys_old_versions()
    {
        var tree = await TerraformTree.LoadAsync();
        var storage = tree.Module("modules/storage");
        var archive = storage.Resources("aws_s3_bucket").Single(b => b.Name == "archive");
        var lifecycle = Assert.Single(Companions(archive, "aws_s3_bucket_lifecycle_configuration"));

        var rules = lifecycle.Nested("rule").Where(r => TerraformBlock.TextOf(lifecycle.Argument(r, "status")) == "Enabled").ToList();
        var tiering = rules.SingleOrDefault(r => TerraformBlock.Nested(r, "transition").Any());
        Assert.True(tiering.ValueKind == JsonValueKind.Object, $"{lifecycle} has no enabled rule with transitions");
        var transitions = TerraformBlock.Nested(tiering, "transition")
            .Select(t => (Class: TerraformBlock.TextOf(lifecycle.Argument(t, "storage_class")), Days: lifecycle.Argument(t, "days")?.GetInt32()))
            .OrderBy(t => t.Days)
            .ToList();

        // docs/archive-tiers.md: Standard-IA, then Glacier at 90 days, then Deep Archive at 365.
        Assert.Equal(["STANDARD_IA", "GLACIER", "DEEP_ARCHIVE"], transitions.Select(t => t.Class));
        Assert.Equal([30, 90, 365], transitions.Select(t => t.Days));
        Assert.True(TerraformBlock.Nested(tiering, "noncurrent_version_expiration").Any(),
            $"{lifecycle}: with versioning on, a destroyed record's old version must expire, or it stays behind");
    }

    [Fact]
    public async Task No_lifecycle_rule_expires_the_audit_anchors()
    {
        var tree = await TerraformTree.LoadAsync();
        var storage = tree.Module("modules/storage");
        var prefix = TerraformBlock.TextOf(storage.Resolve(storage.Variables["key_prefix"].GetProperty("default")));

        var problems = new List<string>();
        foreach (var lifecycle in storage.Resources("aws_s3_bucket_lifecycle_configuration"))
        {
            foreach (var rule in lifecycle.Nested("rule"))
            {
                var expiresCurrent = TerraformBlock.Nested(rule, "expiration").Any(e => e.TryGetProperty("days", out _) || e.TryGetProperty("date", out _));
                var filter = TerraformBlock.Nested(rule, "filter").Select(f => TerraformBlock.TextOf(lifecycle.Argument(f, "prefix"))).FirstOrDefault() ?? "";
                var covers = $"{prefix}/audit-anchors/".StartsWith(filter.Replace("${var.key_prefix}", prefix, StringComparison.Ordinal), StringComparison.Ordinal);
                if (expiresCurrent && covers)
                {
                    problems.Add($"{lifecycle}: rule {TerraformBlock.TextOf(lifecycle.Argument(rule, "id"))} (prefix '{filter}') would expire the audit anchors, which are kept for good");
                }
            }
        }

        TerraformTree.NoProblems(problems, "Lifecycle rules that expire audit anchors");
    }

    private static List<TerraformBlock> Buckets(TerraformTree tree)
    {
        var buckets = tree.Resources("aws_s3_bucket").ToList();
        Assert.NotEmpty(buckets);
        return buckets;
    }

    private static IEnumerable<TerraformBlock> Companions(TerraformBlock bucket, string type) =>
        bucket.Module.Resources(type).Where(c => c.Refers("bucket", bucket.Address));
}
