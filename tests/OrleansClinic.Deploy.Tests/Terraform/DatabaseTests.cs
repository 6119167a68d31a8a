using System.Text.Json;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>RDS for PostgreSQL: encrypted, Multi-AZ, private, backed up for at least a week, TLS only.</summary>
public sealed class DatabaseTests
{
    [Fact]
    public async Task The_database_is_encrypted_multi_az_private_and_protected()
    {
        var tree = await TerraformTree.LoadAsync();

        var problems = new List<string>();
        foreach (var db in Instances(tree))
        {
            Require(db, "storage_encrypted", true, problems);
            Require(db, "multi_az", true, problems);
            Require(db, "publicly_accessible", false, problems);
            Require(db, "deletion_protection", true, problems);
            Require(db, "performance_insights_enabled", true, problems);
            Require(db, "manage_master_user_password", true, problems);
            foreach (var key in new[] { "kms_key_id", "performance_insights_kms_key_id" }.Where(k => string.IsNullOrEmpty(db.Text(k))))
            {
                problems.Add($"{db}: {key} names no customer managed key");
            }

            if (db.Body.TryGetProperty("password", out _))
            {
                problems.Add($"{db}: a password in the configuration ends up in the state; let RDS manage it");
            }
        }

        TerraformTree.NoProblems(problems, "Database settings");
    }

    [Fact]
    public async Task Backups_are_kept_at_least_seven_days()
    {
        var tree = await TerraformTree.LoadAsync();

        var problems = new List<string>();
        foreach (var db in Instances(tree))
        {
            var raw = db.Body.GetProperty("backup_retention_period");
            var resolved = db.Argument("backup_retention_period");
            if (TerraformModule.VariableNamed(raw) is { } variable)
            {
                // A variable must both default to a week or more and refuse anything shorter.
                var minimum = db.Module.ValidatedMinimum(variable);
                if (minimum is null or < 7)
                {
                    problems.Add($"{db}: var.{variable} has no validation 'var.{variable} >= 7' (found minimum {minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})");
                }
            }

            if (resolved is not { ValueKind: JsonValueKind.Number } days || days.GetInt32() < 7)
            {
                problems.Add($"{db}: backup_retention_period is {TerraformTree.Show(resolved)}, not at least 7 days");
            }
        }

        TerraformTree.NoProblems(problems, "Backup retention");
    }

    [Fact]
    public async Task The_database_accepts_tls_connections_only()
    {
        var tree = await TerraformTree.LoadAsync();

        TerraformTree.NoProblems(
            Instances(tree).Where(db => !db.Module.Resources("aws_db_parameter_group")
                    .Where(g => db.Refers("parameter_group_name", g.Address))
                    .Any(g => g.Nested("parameter").Any(p => TerraformBlock.TextOf(g.Argument(p, "name")) == "rds.force_ssl" && TerraformBlock.TextOf(g.Argument(p, "value")) == "1")))
                .Select(db => $"{db}: its parameter group does not set rds.force_ssl = 1"),
            "Databases that accept plaintext connections");
    }

    [Fact]
    public async Task Only_the_cluster_security_group_reaches_the_database()
    {
        var tree = await TerraformTree.LoadAsync();
        var module = Instances(tree).First().Module;

        var rules = module.Resources("aws_vpc_security_group_ingress_rule").ToList();
        Assert.NotEmpty(rules);
        TerraformTree.NoProblems(
            rules.Where(r => string.IsNullOrEmpty(r.Text("referenced_security_group_id")) || r.Body.TryGetProperty("cidr_ipv4", out _) || r.Text("from_port") != "5432" || r.Text("to_port") != "5432")
                .Select(r => $"{r}: ingress other than 5432 from a referenced security group")
                .Concat(module.Resources("aws_security_group").Where(g => g.Body.TryGetProperty("ingress", out _)).Select(g => $"{g}: inline ingress rules")),
            "Database ingress");
    }

    private static List<TerraformBlock> Instances(TerraformTree tree)
    {
        var instances = tree.Resources("aws_db_instance").ToList();
        Assert.NotEmpty(instances);
        return instances;
    }

    private static void Require(TerraformBlock block, string argument, bool expected, List<string> problems)
    {
        var value = block.Argument(argument);
        if (value?.ValueKind != (expected ? JsonValueKind.True : JsonValueKind.False))
        {
            problems.Add($"{block}: {argument} is {TerraformTree.Show(value)}, expected {(expected ? "true" : "false")}");
        }
    }
}
