using YamlDotNet.RepresentationModel;

namespace OrleansClinic.Deploy.Tests.Kubernetes;

/// <summary>Where one environment variable of a container comes from.</summary>
/// <param name="Value">The literal value (directly or through a ConfigMap), if it has one.</param>
/// <param name="Secret">The secret and key it is read from, if any.</param>
/// <param name="Field">The pod field (downward API) it is read from, if any.</param>
public sealed record EnvironmentSource(string? Value, (string Name, string Key)? Secret = null, string? Field = null);

/// <summary>A container's environment as the kubelet would assemble it: ConfigMaps and Secrets first, then <c>env</c>.</summary>
public static class ContainerEnvironment
{
    /// <summary>
    /// Every variable of <paramref name="container"/> and its source. A ConfigMap named by <c>envFrom</c> must be among
    /// <paramref name="objects"/>; a Secret named by <c>envFrom</c> contributes its name only (its keys are unknown here).
    /// </summary>
    public static IReadOnlyDictionary<string, EnvironmentSource> Of(YamlMappingNode container, IReadOnlyList<Manifest> objects)
    {
        var environment = new Dictionary<string, EnvironmentSource>(StringComparer.Ordinal);
        foreach (var source in container.Items("envFrom"))
        {
            if (source.Text("configMapRef", "name") is { } configMap)
            {
                var data = objects.SingleOrDefault(o => o is { Kind: "ConfigMap" } && o.Name == configMap)
                    ?? throw new InvalidOperationException($"envFrom names ConfigMap {configMap}, which is not rendered.");
                foreach (var (key, value) in data.Root.At("data").Pairs())
                {
                    environment[key] = new EnvironmentSource(value);
                }
            }
        }

        foreach (var variable in container.Items("env"))
        {
            var name = variable.Text("name") ?? "";
            environment[name] = variable.Text("valueFrom", "secretKeyRef", "name") is { } secret
                ? new EnvironmentSource(null, (secret, variable.Text("valueFrom", "secretKeyRef", "key") ?? ""))
                : variable.Text("valueFrom", "fieldRef", "fieldPath") is { } field
                    ? new EnvironmentSource(null, Field: field)
                    : new EnvironmentSource(variable.Text("value") ?? "");
        }

        return environment;
    }

    /// <summary>The Secrets a container reads, by name, with the keys it reads (none for a whole-secret <c>envFrom</c>).</summary>
    public static IEnumerable<(string Secret, string? Key)> SecretsReadBy(YamlMappingNode container) =>
        container.Items("envFrom").Select(s => s.Text("secretRef", "name")).OfType<string>().Select(name => (name, (string?)null))
            .Concat(container.Items("env").Select(v => v.At("valueFrom", "secretKeyRef")).Where(r => r is not null)
                .Select(r => (r.Text("name") ?? "", (string?)(r.Text("key") ?? ""))));
}
