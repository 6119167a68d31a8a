namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>
/// What <c>terraform validate</c> would catch first, checked without providers: module calls pass declared and required
/// variables, and every reference names something that exists.
/// </summary>
public sealed class ModuleWiringTests
{
    private static readonly HashSet<string> MetaArguments = new(StringComparer.Ordinal) { "source", "version", "providers", "depends_on", "count", "for_each" };

    [Fact]
    public async Task Every_module_call_passes_declared_variables_and_all_required_ones()
    {
        var tree = await TerraformTree.LoadAsync();

        var problems = new List<string>();
        var calls = 0;
        foreach (var caller in tree.Modules)
        {
            foreach (var (name, call) in caller.ModuleCalls)
            {
                calls++;
                var target = Target(tree, caller, call.GetProperty("source").GetString()!);
                if (target is null)
                {
                    problems.Add($"{caller}: module.{name} has source {call.GetProperty("source")}, not a module folder here");
                    continue;
                }

                var passed = call.EnumerateObject().Select(p => p.Name).Where(n => !MetaArguments.Contains(n)).ToHashSet(StringComparer.Ordinal);
                problems.AddRange(passed.Where(p => !target.Variables.ContainsKey(p)).Select(p => $"{caller}: module.{name} passes {p}, which {target} does not declare"));
                problems.AddRange(target.Variables.Where(v => !v.Value.TryGetProperty("default", out _) && !passed.Contains(v.Key))
                    .Select(v => $"{caller}: module.{name} does not pass {v.Key}, which {target} requires"));
            }
        }

        Assert.True(calls > 0, "no module calls found");
        TerraformTree.NoProblems(problems, "Module calls");
    }

    [Fact]
    public async Task Every_reference_names_a_declared_variable_local_output_resource_or_data_source()
    {
        var tree = await TerraformTree.LoadAsync();

        var problems = new List<string>();
        foreach (var module in tree.Modules)
        {
            var addresses = module.Blocks.Select(b => b.Address).ToHashSet(StringComparer.Ordinal);
            foreach (var (file, body) in module.Files)
            {
                var text = body.GetRawText();
                problems.AddRange(TerraformExpression.Variables(text).Distinct().Where(v => !module.Variables.ContainsKey(v)).Select(v => $"{file}: var.{v} is not declared"));
                problems.AddRange(TerraformExpression.Locals(text).Distinct().Where(l => !module.Locals.ContainsKey(l)).Select(l => $"{file}: local.{l} is not declared"));
                problems.AddRange(TerraformExpression.DataSources(text).Distinct().Where(d => !addresses.Contains(d)).Select(d => $"{file}: {d} does not exist in {module}"));
                problems.AddRange(TerraformExpression.Resources(text).Distinct().Where(r => !addresses.Contains(r)).Select(r => $"{file}: {r} does not exist in {module}"));
                foreach (var (called, output) in TerraformExpression.ModuleOutputs(text).Distinct())
                {
                    var target = module.ModuleCalls.TryGetValue(called, out var call) ? Target(tree, module, call.GetProperty("source").GetString()!) : null;
                    if (target is null || !target.Outputs.ContainsKey(output))
                    {
                        problems.Add($"{file}: module.{called}.{output} is not an output of {target?.ToString() ?? $"a module called {called}"}");
                    }
                }
            }
        }

        TerraformTree.NoProblems(problems, "Dangling references");
    }

    private static TerraformModule? Target(TerraformTree tree, TerraformModule caller, string source)
    {
        if (!source.StartsWith("./", StringComparison.Ordinal) && !source.StartsWith("../", StringComparison.Ordinal))
        {
            return null;
        }

        var folder = Path.GetRelativePath("/tf", Path.GetFullPath(Path.Combine("/tf", caller.Folder, source))).Replace('\\', '/');
        return tree.Modules.SingleOrDefault(m => m.Folder == folder);
    }
}
