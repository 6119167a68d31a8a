using System.Text.RegularExpressions;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Deploy.Tests.Kubernetes;

/// <summary>
/// What the clinic's own code reads and serves, found in its C# sources: the deployment must name the same HTTP paths
/// and configuration keys, letter for letter.
/// </summary>
public static partial class AppSource
{
    /// <summary>The host project each container image runs, by container name.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> HostProjects = new Dictionary<string, string[]>
    {
        ["silo"] = ["silo", "OrleansClinic.Silo"],
        ["gateway"] = ["gateway", "OrleansClinic.Gateway"],
    };

    private static readonly Lazy<string[]> Sources = new(() =>
        [.. new[] { "src", "silo", "gateway" }
            .SelectMany(folder => Directory.EnumerateFiles(Repository.PathOf(folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(File.ReadAllText)]);

    private static readonly Lazy<HashSet<string>> Literals = new(() =>
        [.. Sources.Value.SelectMany(source => StringLiteral().Matches(source)).Select(m => m.Groups[1].Value)]);

    private static readonly Lazy<HashSet<string>> Properties = new(() =>
        [.. Sources.Value.SelectMany(source => PublicProperty().Matches(source)).Select(m => m.Groups[1].Value)]);

    private static readonly Lazy<HashSet<string>> ConnectionStrings = new(() =>
        [.. Sources.Value.SelectMany(source => ConnectionStringRead().Matches(source)).Select(m => m.Groups[1].Value)]);

    /// <summary>The paths a host project maps with <c>MapGet</c> (in its own folder, where its health endpoints live).</summary>
    public static IReadOnlySet<string> GetPathsOf(string container)
    {
        Assert.True(HostProjects.TryGetValue(container, out var project), $"No host project is known for container {container}.");
        return Directory.EnumerateFiles(Repository.PathOf(project), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .SelectMany(path => MappedGet().Matches(File.ReadAllText(path)))
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Why an environment variable named <paramref name="name"/> would not reach any setting the clinic reads, or null
    /// when it does: <c>A__B__C</c> is the key <c>A:B:C</c>, whose longest known section (a string literal in the code,
    /// such as <c>"Privacy:Vault:Kms"</c>) is followed by property names of an options class, keys the code reads by
    /// name (<c>section["State"]</c>) or dictionary indexes.
    /// </summary>
    public static string? WhyNotAConfigurationKey(string name)
    {
        var parts = name.Split("__");
        if (parts is ["ConnectionStrings", var connection])
        {
            return ConnectionStrings.Value.Contains(connection) ? null : $"{name}: no GetConnectionString(\"{connection}\") in the code.";
        }

        var section = Enumerable.Range(1, parts.Length).Reverse()
            .FirstOrDefault(length => Literals.Value.Contains(string.Join(':', parts[..length])));
        if (section == 0)
        {
            return $"{name}: no section \"{parts[0]}\" (or longer) is read anywhere in the code.";
        }

        var unknown = parts[section..].FirstOrDefault(part => !Properties.Value.Contains(part) && !Literals.Value.Contains(part) && !int.TryParse(part, out _));
        return unknown is null ? null : $"{name}: nothing in the code reads a setting named {unknown}.";
    }

    [GeneratedRegex("\"([A-Za-z][A-Za-z0-9:._]*)\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"public\s+(?:required\s+)?[\w<>\[\]?,. ]+?\s+(\w+)\s*\{\s*get;")]
    private static partial Regex PublicProperty();

    [GeneratedRegex("GetConnectionString\\(\"(\\w+)\"\\)")]
    private static partial Regex ConnectionStringRead();

    [GeneratedRegex("MapGet\\(\"(/[^\"]*)\"")]
    private static partial Regex MappedGet();
}
