using System.Text.Json;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>Every environment pins Terraform and the AWS provider, and keeps its state in S3.</summary>
public sealed class ProviderTests
{
    [Fact]
    public async Task Environments_pin_terraform_and_the_aws_provider_and_use_the_s3_backend()
    {
        var tree = await TerraformTree.LoadAsync();
        var environments = tree.Environments.ToList();
        Assert.NotEmpty(environments);

        foreach (var environment in environments)
        {
            var settings = environment.Files.Where(f => f.Body.TryGetProperty("terraform", out _)).SelectMany(f => f.Body.GetProperty("terraform").EnumerateArray()).ToList();
            var block = Assert.Single(settings);
            Assert.Equal(">= 1.6", block.GetProperty("required_version").GetString());
            var aws = block.GetProperty("required_providers").EnumerateArray().Single().GetProperty("aws");
            Assert.Equal("hashicorp/aws", aws.GetProperty("source").GetString());
            Assert.StartsWith("~> 5.", aws.GetProperty("version").GetString(), StringComparison.Ordinal);
            Assert.True(block.TryGetProperty("backend", out var backend) && backend.TryGetProperty("s3", out _), $"{environment}: no backend \"s3\" block");
            Assert.Equal(JsonValueKind.Object, block.GetProperty("required_providers").EnumerateArray().Single().ValueKind);
        }
    }
}
