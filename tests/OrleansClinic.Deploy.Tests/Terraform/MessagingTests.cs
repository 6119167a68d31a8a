using System.Text.Json;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>Amazon MSK: TLS between clients and brokers and between brokers, storage under a customer managed key.</summary>
public sealed class MessagingTests
{
    [Fact]
    public async Task Kafka_is_encrypted_in_transit_with_tls_and_at_rest_with_a_kms_key()
    {
        var tree = await TerraformTree.LoadAsync();
        var clusters = tree.Resources("aws_msk_cluster").ToList();
        Assert.NotEmpty(clusters);

        var problems = new List<string>();
        foreach (var msk in clusters)
        {
            var encryption = msk.Nested("encryption_info").ToList();
            if (!encryption.Any(e => !string.IsNullOrEmpty(TerraformBlock.TextOf(msk.Argument(e, "encryption_at_rest_kms_key_arn")))))
            {
                problems.Add($"{msk}: no encryption_at_rest_kms_key_arn (MSK would use its AWS managed key)");
            }

            var transit = encryption.SelectMany(e => TerraformBlock.Nested(e, "encryption_in_transit")).ToList();
            if (!transit.Any(t => TerraformBlock.TextOf(msk.Argument(t, "client_broker")) == "TLS" && msk.Argument(t, "in_cluster")?.ValueKind == JsonValueKind.True))
            {
                problems.Add($"{msk}: encryption_in_transit must be client_broker = \"TLS\" (no plaintext listener) and in_cluster = true");
            }
        }

        TerraformTree.NoProblems(problems, "Kafka encryption");
    }

    [Fact]
    public async Task Kafka_authenticates_every_client_and_logs_its_brokers()
    {
        var tree = await TerraformTree.LoadAsync();
        var clusters = tree.Resources("aws_msk_cluster").ToList();
        Assert.NotEmpty(clusters);

        var problems = new List<string>();
        foreach (var msk in clusters)
        {
            var authentication = msk.Nested("client_authentication").ToList();
            if (!authentication.Any(a => msk.Argument(a, "unauthenticated")?.ValueKind == JsonValueKind.False
                    && TerraformBlock.Nested(a, "sasl").Any(s => msk.Argument(s, "scram")?.ValueKind == JsonValueKind.True)))
            {
                problems.Add($"{msk}: clients must authenticate (unauthenticated = false, SASL/SCRAM on)");
            }

            if (!msk.Nested("logging_info").SelectMany(l => TerraformBlock.Nested(l, "broker_logs")).SelectMany(b => TerraformBlock.Nested(b, "cloudwatch_logs"))
                    .Any(c => msk.Argument(c, "enabled")?.ValueKind == JsonValueKind.True))
            {
                problems.Add($"{msk}: broker logs do not go to CloudWatch");
            }
        }

        TerraformTree.NoProblems(problems, "Kafka authentication and logging");
    }
}
