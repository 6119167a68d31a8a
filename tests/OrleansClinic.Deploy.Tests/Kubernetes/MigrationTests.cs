namespace OrleansClinic.Deploy.Tests.Kubernetes;

/// <summary>
/// Each environment's schema migration runs the release's own silo image with <c>migrate</c>, as the database owner,
/// once, and may reach the database through the namespace's default deny.
/// </summary>
public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void The_migration_runs_the_silo_image_of_the_same_release_with_migrate_once(string overlay) =>
        Assert.Empty(JobProblems(Kustomize.Overlay(overlay + "/migrate"), Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void The_migration_may_resolve_names_and_reach_postgres_and_nothing_reaches_it(string overlay) =>
        Assert.Empty(NetworkProblems(Kustomize.Overlay(overlay + "/migrate")));

    internal static IEnumerable<string> JobProblems(IReadOnlyList<Manifest> migration, IReadOnlyList<Manifest> clinic)
    {
        var job = migration.SingleOrDefault(o => o.Kind == "Job");
        if (job is null)
        {
            yield return "No migration Job is rendered.";
            yield break;
        }

        var container = job.PodSpec.Items("containers").Single();
        var siloImage = clinic.Single(o => o is { Kind: "Deployment", Name: "silo" }).PodSpec.Items("containers").Single(c => c.Text("name") == "silo").Text("image");
        if (container.Text("image") != siloImage)
        {
            yield return $"The migration runs {container.Text("image")}, the silos {siloImage}: the schema must be the release's.";
        }

        if (!container.Texts("args").SequenceEqual(["migrate"]) || container.At("command") is not null)
        {
            yield return "The migration does not run the silo's migrate command.";
        }

        if (job.Namespace != clinic.Single(o => o is { Kind: "Deployment", Name: "silo" }).Namespace)
        {
            yield return $"The migration runs in {job.Namespace}, not the clinic's namespace.";
        }

        if (job.PodSpec.Text("restartPolicy") != "Never" || !int.TryParse(job.Root.Text("spec", "backoffLimit"), out var retries) || retries > 3)
        {
            yield return "The migration may restart in place or retry without end.";
        }

        var environment = ContainerEnvironment.Of(container, migration);
        if (environment.GetValueOrDefault("ConnectionStrings__Clinic")?.Secret is not { Name: var secret }
            || clinic.Any(o => o.Kind == "ExternalSecret" && o.Root.Text("spec", "target", "name") == secret))
        {
            yield return "The migration does not connect with credentials of its own (the owner's), apart from the clinic's.";
        }
    }

    internal static IEnumerable<string> NetworkProblems(IReadOnlyList<Manifest> migration)
    {
        var job = migration.Single(o => o.Kind == "Job");
        var policies = migration.Where(o => o.Kind == "NetworkPolicy"
            && o.Root.At("spec", "podSelector", "matchLabels").Pairs() is { Count: > 0 } selector
            && selector.All(l => job.PodLabels.GetValueOrDefault(l.Key) == l.Value)).ToList();
        var egressPorts = policies.SelectMany(p => p.Root.Items("spec", "egress")).SelectMany(r => r.Items("ports"))
            .Select(p => $"{p.Text("protocol")}/{p.Text("port")}").ToHashSet();
        foreach (var port in new[] { "UDP/53", "TCP/5432" }.Where(p => !egressPorts.Contains(p)))
        {
            yield return $"No NetworkPolicy lets the migration out on {port}.";
        }

        if (!policies.Any(p => p.Root.Texts("spec", "policyTypes").Contains("Ingress")) || policies.Any(p => p.Root.Items("spec", "ingress").Any()))
        {
            yield return "The migration's pods are not closed to incoming traffic.";
        }
    }
}
