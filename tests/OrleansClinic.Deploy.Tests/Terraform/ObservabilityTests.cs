using System.Text.Json;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>Logs expire and are encrypted; alarms reach an encrypted topic and cover what the clinic depends on.</summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task Every_log_group_expires_and_is_encrypted_with_a_kms_key()
    {
        var tree = await TerraformTree.LoadAsync();
        var groups = tree.Resources("aws_cloudwatch_log_group").ToList();
        Assert.NotEmpty(groups);

        TerraformTree.NoProblems(
            groups.SelectMany(g => new[]
            {
                g.Argument("retention_in_days") is { ValueKind: JsonValueKind.Number } days && days.GetInt32() > 0 ? null : $"{g}: retention_in_days is {TerraformTree.Show(g.Argument("retention_in_days"))} (absent or 0 keeps logs forever)",
                string.IsNullOrEmpty(g.Text("kms_key_id")) ? $"{g}: no kms_key_id" : null,
            }).OfType<string>(),
            "Log groups");
    }

    [Fact]
    public async Task Every_topic_is_encrypted_and_every_alarm_notifies_one()
    {
        var tree = await TerraformTree.LoadAsync();
        var topics = tree.Resources("aws_sns_topic").ToList();
        Assert.NotEmpty(topics);

        var problems = topics.Where(t => string.IsNullOrEmpty(t.Text("kms_master_key_id"))).Select(t => $"{t}: no kms_master_key_id").ToList();
        foreach (var alarm in tree.Resources("aws_cloudwatch_metric_alarm"))
        {
            var actions = alarm.Argument("alarm_actions");
            if (actions is null || !topics.Any(t => t.Module == alarm.Module && TerraformExpression.Refers(actions.Value.GetRawText(), t.Address)))
            {
                problems.Add($"{alarm}: alarm_actions {TerraformTree.Show(actions)} notify no topic");
            }
        }

        TerraformTree.NoProblems(problems, "Topics and alarm actions");
    }

    [Fact]
    public async Task Alarms_watch_the_database_kafka_the_load_balancer_the_nodes_and_the_clinic()
    {
        var tree = await TerraformTree.LoadAsync();
        var watched = tree.Resources("aws_cloudwatch_metric_alarm")
            .Select(a => (Namespace: a.Text("namespace"), Metric: a.Text("metric_name")))
            .ToHashSet();

        (string, string)[] required =
        [
            ("AWS/RDS", "CPUUtilization"),
            ("AWS/RDS", "FreeStorageSpace"),
            ("AWS/RDS", "DatabaseConnections"),
            ("AWS/Kafka", "KafkaDataLogsDiskUsed"),
            ("AWS/Kafka", "UnderReplicatedPartitions"),
            ("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count"),
            ("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"),
            ("AWS/ApplicationELB", "TargetResponseTime"),
            ("AWS/EC2", "CPUUtilization"),
            ("OrleansClinic", "clinic.outbox.oldest_unsent_age_seconds"),
            ("OrleansClinic", "clinic.notifications.failed"),
        ];
        TerraformTree.NoProblems(required.Where(r => !watched.Contains(r)).Select(r => $"no alarm on {r.Item1} {r.Item2}"), "Missing alarms");
    }
}
