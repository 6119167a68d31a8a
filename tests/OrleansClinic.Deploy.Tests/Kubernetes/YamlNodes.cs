using YamlDotNet.RepresentationModel;

namespace OrleansClinic.Deploy.Tests.Kubernetes;

/// <summary>Null-tolerant navigation of parsed YAML: a missing key reads as null or empty, never as an exception.</summary>
public static class YamlNodes
{
    /// <summary>The node at a path of mapping keys, or null.</summary>
    public static YamlNode? At(this YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The scalar at a path, or null (also for YAML's <c>null</c>).</summary>
    public static string? Text(this YamlNode? node, params string[] path) =>
        node.At(path) is YamlScalarNode { Value: var value } scalar && !(scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && value is "null" or "~" or "")
            ? value
            : null;

    /// <summary>The mappings of the sequence at a path; empty when there is none.</summary>
    public static IEnumerable<YamlMappingNode> Items(this YamlNode? node, params string[] path) =>
        node.At(path) is YamlSequenceNode sequence ? sequence.Children.OfType<YamlMappingNode>() : [];

    /// <summary>The scalars of the sequence at a path; empty when there is none.</summary>
    public static IEnumerable<string> Texts(this YamlNode? node, params string[] path) =>
        node.At(path) is YamlSequenceNode sequence ? sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "") : [];

    /// <summary>A mapping of scalars (labels, annotations, ConfigMap data) as a dictionary; empty when there is none.</summary>
    public static IReadOnlyDictionary<string, string> Pairs(this YamlNode? node) =>
        node is YamlMappingNode mapping
            ? mapping.Children.Where(c => c.Value is YamlScalarNode).ToDictionary(c => ((YamlScalarNode)c.Key).Value ?? "", c => ((YamlScalarNode)c.Value).Value ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>();
}
