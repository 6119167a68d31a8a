namespace OrleansClinic.Deploy.Tests.Kubernetes;

/// <summary>
/// Every environment variable the manifests give a container reaches a setting the clinic (or .NET, or Orleans'
/// Kubernetes hosting) reads, spelled exactly; and each workload gets the settings it cannot run safely without.
/// </summary>
public sealed class ConfigurationKeyTests
{
    // Read by .NET, ASP.NET Core or Orleans' Kubernetes hosting rather than by the clinic's options classes.
    private static readonly HashSet<string> PlatformVariables =
    [
        "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_CLUSTER_ID", "ORLEANS_SERVICE_ID",
        "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "DOTNET_shutdownTimeoutSeconds",
    ];

    [Theory]
    [MemberData(nameof(Kustomize.Renderings), MemberType = typeof(Kustomize))]
    public void Every_variable_names_a_configuration_key_the_apps_read(string overlay) =>
        Assert.Empty(KeyProblems(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Silos_and_gateways_get_the_settings_they_cannot_run_safely_without(string overlay) =>
        Assert.Empty(RequiredSettingProblems(Kustomize.Overlay(overlay)));

    internal static IEnumerable<string> KeyProblems(IReadOnlyList<Manifest> objects) =>
        from workload in ContainerTests.Workloads(objects)
        from container in workload.Containers
        from name in ContainerEnvironment.Of(container, objects).Keys
        where !PlatformVariables.Contains(name) && !name.StartsWith("Logging__", StringComparison.Ordinal)
        let problem = AppSource.WhyNotAConfigurationKey(name)
        where problem is not null
        select $"{workload}/{container.Text("name")}: {problem}";

    internal static IEnumerable<string> RequiredSettingProblems(IReadOnlyList<Manifest> objects)
    {
        var required = new Dictionary<string, (string Key, Func<EnvironmentSource, bool> Holds, string Why)[]>
        {
            ["silo"] =
            [
                ("ConnectionStrings__Clinic", IsSecret, "state, membership and reminders live in PostgreSQL"),
                ("Kafka__BootstrapServers", HasValue, "without it committed events are never published"),
                ("Privacy__Vault__BlindIndexKey", IsSecret, "the vault refuses to start without it"),
                ("Privacy__Vault__MasterKey", s => s.Value == "aws-kms", "production wraps data keys with AWS KMS"),
                ("Privacy__Vault__Kms__Keys__1", HasValue, "the KMS key that wraps"),
                ("Archive__S3__BucketName", HasValue, "without it the archive would be written to the pod's /tmp and lost with it"),
                ("Clinic__SeedDemoData", s => s.Value == "false", "a real clinic has no demo doctors"),
            ],
            ["gateway"] =
            [
                ("ConnectionStrings__Clinic", IsSecret, "the gateway finds the silos in the membership table"),
                ("Clinic__Gateway__Mode", s => s.Value == "client", "a gateway must not host a silo of its own"),
                ("Kafka__BootstrapServers", HasValue, "live updates read the event streams"),
                ("Auth__Cognito__UserPoolId", HasValue, "without an identity provider the development token issuer would mint tokens for anyone"),
                ("Auth__Cognito__AppClientId", HasValue, "tokens are checked against the app client"),
            ],
        };
        foreach (var (name, settings) in required)
        {
            var workload = objects.Single(o => o is { Kind: "Deployment" } && o.Name == name);
            var environment = ContainerEnvironment.Of(workload.PodSpec.Items("containers").First(), objects);
            foreach (var (key, holds, why) in settings)
            {
                if (!environment.TryGetValue(key, out var source) || !holds(source))
                {
                    yield return $"{name}: {key} is missing or wrong ({why}).";
                }
            }
        }
    }

    private static bool IsSecret(EnvironmentSource source) => source.Secret is not null;

    private static bool HasValue(EnvironmentSource source) => !string.IsNullOrWhiteSpace(source.Value);
}
