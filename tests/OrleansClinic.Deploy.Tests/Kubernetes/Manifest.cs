using YamlDotNet.RepresentationModel;

namespace OrleansClinic.Deploy.Tests.Kubernetes;

/// <summary>One rendered Kubernetes object, with the few ways the checks read it.</summary>
public sealed class Manifest(YamlMappingNode root)
{
    /// <summary>The object as parsed.</summary>
    public YamlMappingNode Root { get; } = root;

    /// <summary><c>kind</c>.</summary>
    public string Kind => Root.Text("kind") ?? "";

    /// <summary><c>metadata.name</c>.</summary>
    public string Name => Root.Text("metadata", "name") ?? "";

    /// <summary><c>metadata.namespace</c>, if any.</summary>
    public string? Namespace => Root.Text("metadata", "namespace");

    /// <summary>The pod template's spec of a workload (<c>spec.template.spec</c>).</summary>
    public YamlNode? PodSpec => Root.At("spec", "template", "spec");

    /// <summary>The pod template's labels.</summary>
    public IReadOnlyDictionary<string, string> PodLabels => Root.At("spec", "template", "metadata", "labels").Pairs();

    /// <summary>The workload's containers (init containers included).</summary>
    public IEnumerable<YamlMappingNode> Containers => PodSpec.Items("initContainers").Concat(PodSpec.Items("containers"));

    /// <summary>Parses a multi-document YAML stream, as <c>kubectl kustomize</c> prints it.</summary>
    public static IReadOnlyList<Manifest> ParseAll(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().Select(n => new Manifest(n))];
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}/{Name}";
}
