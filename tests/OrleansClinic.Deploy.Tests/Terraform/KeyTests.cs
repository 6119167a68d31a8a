using System.Text.Json;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>Every customer managed KMS key rotates its material.</summary>
public sealed class KeyTests
{
    [Fact]
    public async Task Every_kms_key_rotates()
    {
        var tree = await TerraformTree.LoadAsync();
        var keys = tree.Resources("aws_kms_key").ToList();

        // vault, database, messaging, archive, eks, logs, secrets
        Assert.True(keys.Count >= 7, $"expected the seven keys of the clinic, found {keys.Count}");
        TerraformTree.NoProblems(
            keys.Where(k => k.Argument("enable_key_rotation")?.ValueKind != JsonValueKind.True).Select(k => $"{k}: enable_key_rotation is not true"),
            "Keys that do not rotate");
    }
}
