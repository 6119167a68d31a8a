using YamlDotNet.RepresentationModel;

namespace OrleansClinic.Deploy.Tests.Kubernetes;

/// <summary>Every container is probed on endpoints its app really serves, sized, locked down and pinned to a release.</summary>
public sealed class ContainerTests
{
    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_container_has_startup_liveness_and_readiness_probes_on_paths_its_app_maps(string overlay) =>
        Assert.Empty(ProbeProblems(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Kustomize.Renderings), MemberType = typeof(Kustomize))]
    public void Every_container_requests_and_is_limited_in_cpu_and_memory(string overlay) =>
        Assert.Empty(ResourceProblems(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Kustomize.Renderings), MemberType = typeof(Kustomize))]
    public void Every_container_runs_non_root_read_only_without_privileges_and_writes_only_to_an_emptyDir_tmp(string overlay) =>
        Assert.Empty(SecurityProblems(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Kustomize.Renderings), MemberType = typeof(Kustomize))]
    public void Every_image_is_pinned_to_a_tag_or_digest_other_than_latest(string overlay) =>
        Assert.Empty(ImageProblems(Kustomize.Overlay(overlay)));

    /// <summary>The workloads of a rendering; a check that finds none has nothing to vouch for, so that fails.</summary>
    internal static IReadOnlyList<Manifest> Workloads(IReadOnlyList<Manifest> objects)
    {
        var workloads = objects.Where(o => o.Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "Job").ToList();
        Assert.NotEmpty(workloads);
        return workloads;
    }

    internal static IEnumerable<string> ProbeProblems(IReadOnlyList<Manifest> objects)
    {
        // A Job runs to completion; what serves traffic must be probed.
        foreach (var workload in Workloads(objects).Where(w => w.Kind != "Job"))
        {
            foreach (var container in workload.PodSpec.Items("containers"))
            {
                var where = $"{workload}/{container.Text("name")}";
                var served = AppSource.GetPathsOf(container.Text("name") ?? "");
                foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
                {
                    if (container.At(probe) is null)
                    {
                        yield return $"{where} has no {probe}.";
                    }
                    else if (container.Text(probe, "httpGet", "path") is not { } path || !served.Contains(path))
                    {
                        yield return $"{where}: {probe} asks for {container.Text(probe, "httpGet", "path") ?? "no HTTP path"}; the app maps {string.Join(", ", served)}.";
                    }
                    else if (!PortNamesAndNumbers(container).Contains(container.Text(probe, "httpGet", "port") ?? ""))
                    {
                        yield return $"{where}: {probe} is on port {container.Text(probe, "httpGet", "port")}, which the container does not declare.";
                    }
                }
            }
        }
    }

    internal static IEnumerable<string> ResourceProblems(IReadOnlyList<Manifest> objects) =>
        from workload in Workloads(objects)
        from container in workload.Containers
        from kind in new[] { "requests", "limits" }
        from resource in new[] { "cpu", "memory" }
        where container.Text("resources", kind, resource) is null
        select $"{workload}/{container.Text("name")} has no {kind}.{resource}.";

    internal static IEnumerable<string> SecurityProblems(IReadOnlyList<Manifest> objects)
    {
        foreach (var workload in Workloads(objects))
        {
            var pod = workload.PodSpec.At("securityContext");
            foreach (var container in workload.Containers)
            {
                var where = $"{workload}/{container.Text("name")}";
                var own = container.At("securityContext");
                // A container's own setting wins over the pod's, as in Kubernetes.
                string? Effective(params string[] path) => own.Text(path) ?? pod.Text(path);

                if (Effective("runAsNonRoot") != "true")
                {
                    yield return $"{where} may run as root (runAsNonRoot is not true).";
                }

                if (!int.TryParse(Effective("runAsUser"), out var user) || user == 0)
                {
                    yield return $"{where} has no numeric non-root runAsUser.";
                }

                if (own.Text("readOnlyRootFilesystem") != "true")
                {
                    yield return $"{where} has a writable root filesystem.";
                }

                if (own.Text("allowPrivilegeEscalation") != "false")
                {
                    yield return $"{where} allows privilege escalation.";
                }

                if (!own.Texts("capabilities", "drop").Contains("ALL"))
                {
                    yield return $"{where} keeps Linux capabilities (capabilities.drop lacks ALL).";
                }

                if (own.Texts("capabilities", "add").Any())
                {
                    yield return $"{where} adds capabilities.";
                }

                if (Effective("seccompProfile", "type") != "RuntimeDefault")
                {
                    yield return $"{where} has no RuntimeDefault seccomp profile.";
                }

                if (!container.Items("volumeMounts").Any(m => m.Text("mountPath") == "/tmp"
                        && workload.PodSpec.Items("volumes").Any(v => v.Text("name") == m.Text("name") && v.At("emptyDir") is not null)))
                {
                    yield return $"{where} has no emptyDir at /tmp, the one place the apps write.";
                }
            }
        }
    }

    internal static IEnumerable<string> ImageProblems(IReadOnlyList<Manifest> objects) =>
        from workload in Workloads(objects)
        from container in workload.Containers
        let image = container.Text("image") ?? ""
        where !IsPinned(image)
        select $"{workload}/{container.Text("name")} runs {(image.Length == 0 ? "no image" : image)}, which no tag or digest pins.";

    /// <summary>True for <c>repo@sha256:…</c> and <c>repo:tag</c> with a tag other than <c>latest</c>.</summary>
    internal static bool IsPinned(string image)
    {
        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return true;
        }

        var name = image[(image.LastIndexOf('/') + 1)..];
        var colon = name.LastIndexOf(':');
        return colon > 0 && name[(colon + 1)..] is { Length: > 0 } tag && !tag.Equals("latest", StringComparison.OrdinalIgnoreCase);
    }

    private static HashSet<string> PortNamesAndNumbers(YamlMappingNode container) =>
        [.. container.Items("ports").SelectMany(p => new[] { p.Text("name"), p.Text("containerPort") }).OfType<string>()];
}
