namespace OrleansClinic.Deploy.Tests.Kubernetes;

/// <summary>
/// The silo pods carry what Orleans' Kubernetes hosting reads (pod labels <c>orleans/clusterId</c> and
/// <c>orleans/serviceId</c>; POD_NAME, POD_NAMESPACE, POD_IP, ORLEANS_CLUSTER_ID, ORLEANS_SERVICE_ID), may do what it
/// does with the API, and name the same cluster as the gateways.
/// </summary>
public sealed class OrleansHostingTests
{
    // The downward-API field each variable of Orleans' KubernetesHostingOptions must come from.
    private static readonly Dictionary<string, string> PodFields = new()
    {
        ["POD_NAME"] = "metadata.name",
        ["POD_NAMESPACE"] = "metadata.namespace",
        ["POD_IP"] = "status.podIP",
        ["ORLEANS_CLUSTER_ID"] = "metadata.labels['orleans/clusterId']",
        ["ORLEANS_SERVICE_ID"] = "metadata.labels['orleans/serviceId']",
    };

    // What the hosting agent calls: read and label its own pod, list and watch the cluster's pods.
    private static readonly string[] AgentVerbs = ["get", "list", "watch", "patch"];

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Silo_pods_carry_the_orleans_labels_and_the_variables_kubernetes_hosting_reads(string overlay) =>
        Assert.Empty(SiloIdentityProblems(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Silos_and_gateways_name_the_same_cluster_and_service(string overlay) =>
        Assert.Empty(ClusterAgreementProblems(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void The_silo_service_account_is_bound_to_a_role_that_lets_the_hosting_agent_work_and_no_more(string overlay) =>
        Assert.Empty(SiloRoleProblems(Kustomize.Overlay(overlay)));

    internal static IEnumerable<string> SiloIdentityProblems(IReadOnlyList<Manifest> objects)
    {
        var silo = Silo(objects);
        foreach (var label in new[] { "orleans/clusterId", "orleans/serviceId" })
        {
            if (!silo.PodLabels.TryGetValue(label, out var value) || value.Length == 0)
            {
                yield return $"The silo pods have no {label} label.";
            }
        }

        var environment = ContainerEnvironment.Of(SiloContainer(silo), objects);
        foreach (var (variable, field) in PodFields)
        {
            if (!environment.TryGetValue(variable, out var source) || source.Field != field)
            {
                yield return $"The silo's {variable} is not read from {field}.";
            }
        }
    }

    internal static IEnumerable<string> ClusterAgreementProblems(IReadOnlyList<Manifest> objects)
    {
        var silo = Silo(objects);
        var siloEnvironment = ContainerEnvironment.Of(SiloContainer(silo), objects);
        var gateway = objects.Single(o => o is { Kind: "Deployment", Name: "gateway" });
        var gatewayEnvironment = ContainerEnvironment.Of(gateway.Containers.Single(), objects);
        foreach (var (label, key) in new[] { ("orleans/clusterId", "Clinic__ClusterId"), ("orleans/serviceId", "Clinic__ServiceId") })
        {
            var labelled = silo.PodLabels.GetValueOrDefault(label);
            var siloSays = siloEnvironment.GetValueOrDefault(key)?.Value;
            var gatewaySays = gatewayEnvironment.GetValueOrDefault(key)?.Value;
            if (labelled is null || labelled != siloSays || labelled != gatewaySays)
            {
                yield return $"{label} is {labelled ?? "unset"}, the silo's {key} {siloSays ?? "unset"}, the gateway's {gatewaySays ?? "unset"}: they must be one value.";
            }
        }
    }

    internal static IEnumerable<string> SiloRoleProblems(IReadOnlyList<Manifest> objects)
    {
        var silo = Silo(objects);
        var account = silo.PodSpec.Text("serviceAccountName");
        if (account is null || !objects.Any(o => o.Kind == "ServiceAccount" && o.Name == account))
        {
            yield return $"The silos run as service account {account ?? "default"}, which is not rendered.";
            yield break;
        }

        // The pod's setting wins over the service account's; both unset mounts the token.
        var automount = silo.PodSpec.Text("automountServiceAccountToken")
            ?? objects.Single(o => o.Kind == "ServiceAccount" && o.Name == account).Root.Text("automountServiceAccountToken");
        if (automount == "false")
        {
            yield return "The silo pods get no service account token, so the hosting agent cannot call the API.";
        }

        var bound = objects
            .Where(b => b.Kind == "RoleBinding" && b.Namespace == silo.Namespace && b.Root.Items("subjects")
                .Any(s => s.Text("kind") == "ServiceAccount" && s.Text("name") == account && s.Text("namespace") == silo.Namespace))
            .Select(b => objects.SingleOrDefault(r => r.Kind == b.Root.Text("roleRef", "kind") && r.Name == b.Root.Text("roleRef", "name") && r.Namespace == silo.Namespace))
            .OfType<Manifest>()
            .ToList();
        var rules = bound.SelectMany(role => role.Root.Items("rules")).ToList();
        var podVerbs = rules
            .Where(r => r.Texts("apiGroups").Contains("") && r.Texts("resources").Contains("pods"))
            .SelectMany(r => r.Texts("verbs"))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var verb in AgentVerbs.Where(v => !podVerbs.Contains(v)))
        {
            yield return $"No Role bound to {account} in {silo.Namespace} lets it {verb} pods.";
        }

        foreach (var rule in rules)
        {
            var extra = rule.Texts("verbs").Except(AgentVerbs).Concat(rule.Texts("resources").Where(r => r != "pods"));
            if (extra.Any() || rule.Texts("apiGroups").Any(g => g.Length > 0))
            {
                yield return $"The silos' role grants more than the hosting agent uses: {string.Join(", ", extra.DefaultIfEmpty("another API group"))}.";
            }
        }

        if (objects.Any(o => o.Kind is "ClusterRoleBinding" && o.Root.Items("subjects").Any(s => s.Text("name") == account)))
        {
            yield return $"{account} is bound cluster-wide; the agent only needs its own namespace.";
        }
    }

    private static Manifest Silo(IReadOnlyList<Manifest> objects) =>
        objects.Single(o => o is { Kind: "Deployment", Name: "silo" });

    private static YamlDotNet.RepresentationModel.YamlMappingNode SiloContainer(Manifest silo) =>
        silo.PodSpec.Items("containers").Single(c => c.Text("name") == "silo");
}
