using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Deploy.Tests.Kubernetes;

/// <summary>Renders a kustomize overlay of <c>deploy/k8s</c> with <c>kubectl kustomize</c>, once per overlay and test run.</summary>
public static class Kustomize
{
    /// <summary>The environments' overlays: the clinic as it runs.</summary>
    public static readonly TheoryData<string> Overlays = ["dev", "prod"];

    /// <summary>Everything that is applied: the overlays and each environment's schema migration.</summary>
    public static readonly TheoryData<string> Renderings = ["dev", "prod", "dev/migrate", "prod/migrate"];

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<Manifest>>> Rendered = new();

    /// <summary>The objects <c>deploy/k8s/overlays/{overlay}</c> renders to (<paramref name="overlay"/> may be <c>prod/migrate</c>).</summary>
    public static IReadOnlyList<Manifest> Overlay(string overlay) =>
        Rendered.GetOrAdd(overlay, name => new Lazy<IReadOnlyList<Manifest>>(() => Manifest.ParseAll(Build(name)))).Value;

    private static string Build(string overlay)
    {
        var directory = Repository.PathOf(["deploy", "k8s", "overlays", .. overlay.Split('/')]);
        Assert.True(Directory.Exists(directory), $"No overlay at {directory}.");
        var start = new ProcessStartInfo(Kubectl(), ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"kubectl kustomize {directory} did not finish within a minute.");
        }

        Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory} failed ({process.ExitCode}): {errors.Result}");
        return output.Result;
    }

    // kubectl is part of every machine of the project (ENVIRONMENT.md); without it nothing here can be checked, which
    // must fail rather than pass.
    private static string Kubectl()
    {
        if (Environment.GetEnvironmentVariable("CLINIC_TEST_KUBECTL") is { Length: > 0 } configured)
        {
            Assert.True(File.Exists(configured), $"CLINIC_TEST_KUBECTL points at {configured}, which does not exist.");
            return configured;
        }

        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "kubectl"))
            .FirstOrDefault(File.Exists);
        Assert.True(found is not null,
            "kubectl was not found on PATH (or CLINIC_TEST_KUBECTL): the Kubernetes manifests cannot be rendered, so none of them is checked.");
        return found;
    }
}
