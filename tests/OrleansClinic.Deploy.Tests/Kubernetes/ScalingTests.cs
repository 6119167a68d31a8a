using System.Globalization;

namespace OrleansClinic.Deploy.Tests.Kubernetes;

/// <summary>
/// How many pods run, how they spread, and how they stop: autoscalers own the counts, budgets keep a quorum through
/// drains, zones share the pods, and every pod has time to leave cleanly.
/// </summary>
public sealed class ScalingTests
{
    [Fact]
    public void Prod_keeps_at_least_three_silos_and_two_gateways_through_autoscaling_and_disruptions() =>
        Assert.Empty(MinimumProblems(Kustomize.Overlay("prod"), silos: 3, gateways: 2));

    [Fact]
    public void Dev_runs_one_silo_and_one_gateway_and_lets_a_node_drain() =>
        Assert.Empty(DevelopmentSizeProblems(Kustomize.Overlay("dev")));

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_deployment_leaves_its_replica_count_to_an_autoscaler(string overlay) =>
        Assert.Empty(AutoscalerProblems(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_pod_gets_longer_to_stop_than_its_pause_and_host_shutdown_take_and_gateways_pause_for_the_alb(string overlay) =>
        Assert.Empty(ShutdownProblems(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_deployment_spreads_its_pods_across_availability_zones(string overlay) =>
        Assert.Empty(ZoneSpreadProblems(Kustomize.Overlay(overlay)));

    internal static IEnumerable<string> MinimumProblems(IReadOnlyList<Manifest> objects, int silos, int gateways)
    {
        foreach (var (name, minimum) in new[] { ("silo", silos), ("gateway", gateways) })
        {
            var workload = objects.Single(o => o is { Kind: "Deployment" } && o.Name == name);
            var autoscaler = AutoscalerOf(objects, workload);
            var least = Number(autoscaler?.Root.Text("spec", "minReplicas"));
            if (least is null || least < minimum)
            {
                yield return $"{name} may run {least?.ToString(CultureInfo.InvariantCulture) ?? "an unknown number of"} pods; at least {minimum} are needed.";
            }

            var budget = BudgetOf(objects, workload);
            var available = Number(budget?.Root.Text("spec", "minAvailable"));
            if (available is null || available < minimum - 1)
            {
                yield return $"{name}'s disruption budget keeps {available?.ToString(CultureInfo.InvariantCulture) ?? "no"} pods available (minAvailable); drains may take it below {minimum - 1}.";
            }
            else if (available >= least)
            {
                yield return $"{name}'s budget keeps {available} of its {least} pods: no node could ever drain.";
            }
        }
    }

    internal static IEnumerable<string> DevelopmentSizeProblems(IReadOnlyList<Manifest> objects)
    {
        foreach (var workload in ContainerTests.Workloads(objects))
        {
            if (Number(AutoscalerOf(objects, workload)?.Root.Text("spec", "minReplicas")) != 1)
            {
                yield return $"{workload} does not start from one pod.";
            }

            var budget = BudgetOf(objects, workload);
            if (budget is not null && (Number(budget.Root.Text("spec", "minAvailable")) ?? 0) >= 1)
            {
                yield return $"{budget} keeps the only pod of {workload}: a node drain would hang.";
            }
        }
    }

    internal static IEnumerable<string> AutoscalerProblems(IReadOnlyList<Manifest> objects)
    {
        foreach (var workload in ContainerTests.Workloads(objects).Where(w => w.Kind == "Deployment"))
        {
            var autoscaler = AutoscalerOf(objects, workload);
            if (autoscaler is null)
            {
                yield return $"{workload} has no HorizontalPodAutoscaler.";
                continue;
            }

            if (workload.Root.At("spec", "replicas") is not null)
            {
                yield return $"{workload} sets replicas: every apply would reset what {autoscaler} chose.";
            }

            if (Number(autoscaler.Root.Text("spec", "maxReplicas")) < Number(autoscaler.Root.Text("spec", "minReplicas")))
            {
                yield return $"{autoscaler} allows fewer pods at most than at least.";
            }

            if (!autoscaler.Root.Items("spec", "metrics").Any(m => m.Text("resource", "name") == "cpu"))
            {
                yield return $"{autoscaler} does not scale on CPU.";
            }
        }
    }

    internal static IEnumerable<string> ShutdownProblems(IReadOnlyList<Manifest> objects)
    {
        var exposed = objects.Where(o => o.Kind == "Service" && o.Name == "gateway")
            .Select(s => s.Root.At("spec", "selector").Pairs()).ToList();
        foreach (var workload in ContainerTests.Workloads(objects))
        {
            var grace = Number(workload.PodSpec.Text("terminationGracePeriodSeconds")) ?? 30;
            foreach (var container in workload.PodSpec.Items("containers"))
            {
                var environment = ContainerEnvironment.Of(container, objects);
                var shutdown = Number(environment.GetValueOrDefault("DOTNET_shutdownTimeoutSeconds")?.Value);
                var pause = Number(container.Text("lifecycle", "preStop", "sleep", "seconds")) ?? 0;
                if (shutdown is null)
                {
                    yield return $"{workload}/{container.Text("name")} leaves the host's shutdown timeout at its 30 s default (set DOTNET_shutdownTimeoutSeconds).";
                }
                else if (pause + shutdown >= grace)
                {
                    yield return $"{workload}/{container.Text("name")}: a {pause} s pause and a {shutdown} s shutdown do not fit in {grace} s of grace.";
                }

                if (exposed.Any(selector => selector.Count > 0 && selector.All(s => workload.PodLabels.GetValueOrDefault(s.Key) == s.Value)) && pause < 10)
                {
                    yield return $"{workload}/{container.Text("name")} is behind the ALB but pauses {pause} s before stopping: requests still routed to it would fail.";
                }
            }
        }
    }

    internal static IEnumerable<string> ZoneSpreadProblems(IReadOnlyList<Manifest> objects) =>
        from workload in ContainerTests.Workloads(objects)
        where !workload.PodSpec.Items("topologySpreadConstraints").Any(c => c.Text("topologyKey") == "topology.kubernetes.io/zone"
            && c.At("labelSelector", "matchLabels").Pairs().All(l => workload.PodLabels.GetValueOrDefault(l.Key) == l.Value)
            && c.At("labelSelector", "matchLabels").Pairs().Count > 0)
        select $"{workload} does not spread its pods across zones.";

    private static Manifest? AutoscalerOf(IReadOnlyList<Manifest> objects, Manifest workload) =>
        objects.SingleOrDefault(o => o.Kind == "HorizontalPodAutoscaler"
            && o.Root.Text("spec", "scaleTargetRef", "kind") == workload.Kind && o.Root.Text("spec", "scaleTargetRef", "name") == workload.Name);

    private static Manifest? BudgetOf(IReadOnlyList<Manifest> objects, Manifest workload) =>
        objects.SingleOrDefault(o => o.Kind == "PodDisruptionBudget" && o.Root.At("spec", "selector", "matchLabels").Pairs() is { Count: > 0 } selector
            && selector.All(l => workload.PodLabels.GetValueOrDefault(l.Key) == l.Value));

    private static int? Number(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
