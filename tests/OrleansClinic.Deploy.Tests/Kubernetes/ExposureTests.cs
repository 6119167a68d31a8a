using System.Globalization;

namespace OrleansClinic.Deploy.Tests.Kubernetes;

/// <summary>
/// Only the gateways face the internet, through one ALB with TLS, WAF and an idle timeout SSE survives; everything
/// else is closed by a default-deny NetworkPolicy and opened only where the clinic needs it.
/// </summary>
public sealed class ExposureTests
{
    // The gateway sends an SSE heartbeat at least this often (LiveUpdatesOptions.MaxHeartbeat); an ALB idle timeout at
    // or under it would cut quiet streams.
    private static readonly TimeSpan SseHeartbeat = TimeSpan.FromSeconds(15);

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Only_the_gateway_service_is_exposed_and_only_through_the_ingress(string overlay) =>
        Assert.Empty(ExposureProblems(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void The_ingress_is_an_alb_with_tls_waf_redirect_a_real_health_path_and_an_idle_timeout_longer_than_the_sse_heartbeat(string overlay) =>
        Assert.Empty(LoadBalancerProblems(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Network_policies_deny_by_default_and_let_only_clinic_pods_reach_the_silos(string overlay) =>
        Assert.Empty(NetworkPolicyProblems(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Silos_and_gateways_may_reach_the_telemetry_collector_they_are_configured_for(string overlay) =>
        Assert.Empty(TelemetryProblems(Kustomize.Overlay(overlay)));

    internal static IEnumerable<string> ExposureProblems(IReadOnlyList<Manifest> objects)
    {
        var ingresses = objects.Where(o => o.Kind == "Ingress").ToList();
        if (ingresses.Count == 0)
        {
            yield return "Nothing is exposed: no Ingress is rendered.";
        }

        var backends = ingresses
            .SelectMany(i => i.Root.Items("spec", "rules").SelectMany(r => r.Items("http", "paths")).Select(p => p.At("backend"))
                .Append(i.Root.At("spec", "defaultBackend")))
            .Where(b => b is not null)
            .ToList();
        foreach (var backend in backends.Where(b => b.Text("service", "name") != "gateway"))
        {
            yield return $"The ingress sends traffic to {backend.Text("service", "name") ?? backend.Text("resource", "kind") ?? "an unnamed backend"}, not the gateway.";
        }

        var gateway = objects.SingleOrDefault(o => o is { Kind: "Service", Name: "gateway" });
        if (gateway is null)
        {
            yield return "No Service gateway is rendered.";
            yield break;
        }

        // The service must lead to the gateway pods, or the ingress exposes whatever it selects instead.
        var selector = gateway.Root.At("spec", "selector").Pairs();
        var selected = objects.Where(o => o.Kind == "Deployment" && selector.Count > 0 && selector.All(s => o.PodLabels.GetValueOrDefault(s.Key) == s.Value)).ToList();
        if (selected is not [{ Name: "gateway" }])
        {
            yield return $"Service gateway selects {string.Join(", ", selected.Select(s => s.Name).DefaultIfEmpty("no Deployment"))}, not exactly the gateways.";
        }

        foreach (var service in objects.Where(o => o.Kind == "Service" && o.Root.Text("spec", "type") is "LoadBalancer" or "NodePort"))
        {
            yield return $"{service} is a {service.Root.Text("spec", "type")}: a way in that bypasses the ALB and its WAF.";
        }
    }

    internal static IEnumerable<string> LoadBalancerProblems(IReadOnlyList<Manifest> objects)
    {
        foreach (var ingress in objects.Where(o => o.Kind == "Ingress"))
        {
            var annotations = ingress.Root.At("metadata", "annotations").Pairs();
            string? Annotation(string name) => annotations.GetValueOrDefault("alb.ingress.kubernetes.io/" + name);

            if (ingress.Root.Text("spec", "ingressClassName") != "alb")
            {
                yield return $"{ingress} is not of ingress class alb (AWS Load Balancer Controller).";
            }

            if (Annotation("certificate-arn") is not { } certificate || !certificate.StartsWith("arn:aws:acm:", StringComparison.Ordinal))
            {
                yield return $"{ingress} has no ACM certificate-arn.";
            }

            if (Annotation("wafv2-acl-arn") is not { } waf || !waf.StartsWith("arn:aws:wafv2:", StringComparison.Ordinal))
            {
                yield return $"{ingress} has no wafv2-acl-arn: nothing filters what reaches the gateways.";
            }

            if (Annotation("ssl-redirect") != "443" || Annotation("listen-ports")?.Contains("443", StringComparison.Ordinal) != true)
            {
                yield return $"{ingress} does not redirect HTTP to HTTPS on 443.";
            }

            if (Annotation("target-type") != "ip")
            {
                yield return $"{ingress} does not target pod IPs; the NetworkPolicy that admits the ALB assumes it does.";
            }

            if (Annotation("healthcheck-path") is not { } health || !AppSource.GetPathsOf("gateway").Contains(health))
            {
                yield return $"{ingress} health-checks {Annotation("healthcheck-path") ?? "the default path /"}, which the gateway does not map.";
            }

            var idle = (Annotation("load-balancer-attributes") ?? "").Split(',')
                .Select(a => a.Split('=', 2)).Where(a => a[0].Trim() == "idle_timeout.timeout_seconds")
                .Select(a => int.Parse(a[1], CultureInfo.InvariantCulture)).Cast<int?>().SingleOrDefault();
            if (idle is not { } seconds || TimeSpan.FromSeconds(seconds) < 2 * SseHeartbeat)
            {
                yield return $"{ingress}'s idle timeout is {idle?.ToString(CultureInfo.InvariantCulture) ?? "the default 60"} s; an SSE stream quiet but for its {SseHeartbeat.TotalSeconds} s heartbeat needs at least twice that.";
            }
        }
    }

    internal static IEnumerable<string> NetworkPolicyProblems(IReadOnlyList<Manifest> objects)
    {
        var policies = objects.Where(o => o.Kind == "NetworkPolicy").ToList();
        var denyAll = policies.Where(p => p.Root.At("spec", "podSelector") is YamlDotNet.RepresentationModel.YamlMappingNode { Children.Count: 0 }
            && p.Root.Texts("spec", "policyTypes").Order().SequenceEqual(["Egress", "Ingress"])
            && !p.Root.Items("spec", "ingress").Any() && !p.Root.Items("spec", "egress").Any());
        if (!denyAll.Any())
        {
            yield return "No NetworkPolicy denies all ingress and egress by default (empty podSelector, both policy types, no rules).";
        }

        // Whatever admits traffic to the silos must name clinic pods, never addresses or "anyone".
        var silo = objects.Single(o => o is { Kind: "Deployment", Name: "silo" });
        foreach (var policy in policies.Where(p => Selects(p, silo)))
        {
            foreach (var rule in policy.Root.Items("spec", "ingress"))
            {
                var peers = rule.Items("from").ToList();
                if (peers.Count == 0 || peers.Any(peer => peer.At("ipBlock") is not null || peer.At("namespaceSelector") is not null || peer.At("podSelector") is null))
                {
                    yield return $"{policy} lets traffic into the silos from outside the clinic's own pods.";
                }
            }
        }

        var gateway = objects.Single(o => o is { Kind: "Deployment", Name: "gateway" });
        if (!policies.Any(p => Selects(p, gateway) && p.Root.Items("spec", "ingress").Any()))
        {
            yield return "No NetworkPolicy lets the ALB reach the gateways: the default deny would cut them off.";
        }
    }

    // True when the policy's podSelector matches the workload's pods (matchLabels and In expressions).
    internal static IEnumerable<string> TelemetryProblems(IReadOnlyList<Manifest> objects)
    {
        var policies = objects.Where(o => o.Kind == "NetworkPolicy").ToList();
        foreach (var workload in objects.Where(o => o is { Kind: "Deployment", Name: "silo" or "gateway" }))
        {
            var endpoint = workload.Containers.Select(c => ContainerEnvironment.Of(c, objects).GetValueOrDefault("Telemetry__Otlp__Endpoint")?.Value)
                .FirstOrDefault(v => v is not null);
            if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var collector))
            {
                yield return $"{workload} has no OTLP collector address (Telemetry__Otlp__Endpoint).";
                continue;
            }

            // The collector is a service in another namespace: its port must be open to this workload's pods.
            var open = policies.Where(p => Selects(p, workload)).SelectMany(p => p.Root.Items("spec", "egress"))
                .Any(rule => rule.Items("ports").Any(port => port.Text("port") == collector.Port.ToString(CultureInfo.InvariantCulture))
                    && rule.Items("to").Any(peer => peer.At("namespaceSelector") is not null));
            if (!open)
            {
                yield return $"{workload} sends telemetry to {collector.Authority}, but no NetworkPolicy lets it out on port {collector.Port}.";
            }
        }
    }

    private static bool Selects(Manifest policy, Manifest workload)
    {
        var selector = policy.Root.At("spec", "podSelector");
        var labels = workload.PodLabels;
        return selector.At("matchLabels").Pairs().All(l => labels.GetValueOrDefault(l.Key) == l.Value)
            && selector.Items("matchExpressions").All(e => e.Text("operator") == "In" && e.Texts("values").Contains(labels.GetValueOrDefault(e.Text("key") ?? "") ?? "\0"));
    }
}
