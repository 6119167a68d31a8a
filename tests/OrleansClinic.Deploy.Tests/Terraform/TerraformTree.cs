using System.Text.Json;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>deploy/terraform as HashiCorp's HCL parser reads it: a module per folder.</summary>
internal sealed class TerraformTree
{
    private static readonly Lazy<Task<TerraformTree>> Deploy = new(() => ParseAsync(Repository.PathOf("deploy", "terraform")));

    private TerraformTree(IReadOnlyList<TerraformModule> modules) => Modules = modules;

    /// <summary>The modules, root and children, by folder.</summary>
    public IReadOnlyList<TerraformModule> Modules { get; }

    /// <summary>The repository's deploy/terraform, parsed once per test run.</summary>
    public static Task<TerraformTree> LoadAsync() => Deploy.Value;

    /// <summary>Parses every .tf file under <paramref name="folder"/>.</summary>
    public static async Task<TerraformTree> ParseAsync(string folder)
    {
        var files = await Hcl2Json.ParseFolderAsync(folder);
        var modules = files.EnumerateObject()
            .GroupBy(f => Path.GetDirectoryName(f.Name)!.Replace('\\', '/'), StringComparer.Ordinal)
            .Select(g => new TerraformModule(g.Key, g.Select(f => (f.Name, f.Value))))
            .OrderBy(m => m.Folder, StringComparer.Ordinal)
            .ToList();
        return modules.Count > 0 ? new TerraformTree(modules) : throw new InvalidOperationException($"No .tf files under {folder}.");
    }

    /// <summary>The module in <paramref name="folder"/> (relative to deploy/terraform).</summary>
    public TerraformModule Module(string folder) =>
        Modules.SingleOrDefault(m => m.Folder == folder) ?? throw new InvalidOperationException($"No module in deploy/terraform/{folder}.");

    /// <summary>Every resource of a type, in every module.</summary>
    public IEnumerable<TerraformBlock> Resources(string type) => Modules.SelectMany(m => m.Resources(type));

    /// <summary>Every data source of a type, in every module.</summary>
    public IEnumerable<TerraformBlock> Data(string type) => Modules.SelectMany(m => m.Data(type));

    /// <summary>The root modules: folders under environments/.</summary>
    public IEnumerable<TerraformModule> Environments => Modules.Where(m => m.Folder.StartsWith("environments/", StringComparison.Ordinal));

    /// <summary>Fails the test with every problem found, one a line, or passes when there is none.</summary>
    public static void NoProblems(IEnumerable<string> problems, string what)
    {
        var found = problems.ToList();
        Assert.True(found.Count == 0, $"{what}:\n  " + string.Join("\n  ", found));
    }

    /// <summary>The JSON text of a value, for failure messages.</summary>
    public static string Show(JsonElement? value) => value?.GetRawText() ?? "(absent)";
}
