using System.Text.RegularExpressions;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Deploy.Tests.Kubernetes;

/// <summary>
/// The images the manifests run: pinned base images, the non-root user the pods expect, a HEALTHCHECK on a path the app
/// maps, and a build context that holds every file the build reads.
/// </summary>
public sealed partial class DockerfileTests
{
    /// <summary>Each image's Dockerfile, by the container name that runs it.</summary>
    public static readonly TheoryData<string, string> Images = new()
    {
        { "silo", "silo/OrleansClinic.Silo/Dockerfile" },
        { "gateway", "gateway/OrleansClinic.Gateway/Dockerfile" },
    };

    // The repository-root files every project's build reads (SDK pin, shared properties, package versions, analyzer
    // severities): an image built without one of them fails, or worse, builds differently from CI.
    private static readonly string[] BuildInputs = ["global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig"];

    [Theory]
    [MemberData(nameof(Images))]
    public void Base_images_are_pinned_to_a_version(string container, string dockerfile)
    {
        var instructions = Instructions(dockerfile);
        var arguments = instructions.Where(i => i.Keyword == "ARG").Select(i => i.Arguments.Split('=', 2)).Where(a => a.Length == 2)
            .ToDictionary(a => a[0], a => a[1], StringComparer.Ordinal);
        var bases = instructions.Where(i => i.Keyword == "FROM")
            .Select(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).First(w => !w.StartsWith("--", StringComparison.Ordinal)))
            .Select(image => Argument().Replace(image, m => arguments.GetValueOrDefault(m.Groups[1].Value, m.Value)))
            .ToList();

        Assert.NotEmpty(bases);
        Assert.All(bases, image =>
        {
            Assert.True(ContainerTests.IsPinned(image), $"{container}: base image {image} is not pinned.");
            // A floating "10.0" would move under a rebuild; a patch version does not.
            Assert.Matches(@":\d+\.\d+\.\d+", image);
        });
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void The_image_runs_as_the_non_root_user_the_pods_require(string container, string dockerfile)
    {
        var user = Instructions(dockerfile).Last(i => i.Keyword == "USER").Arguments;

        Assert.True(int.TryParse(user, out var uid) && uid > 0, $"{container}: USER {user} is not a numeric non-root user.");
        foreach (var overlay in Kustomize.Overlays.Select(row => row.Data))
        {
            var workload = Kustomize.Overlay(overlay).Single(o => o.Kind == "Deployment" && o.PodSpec.Items("containers").Any(c => c.Text("name") == container));
            var runAs = workload.PodSpec.Items("containers").Single(c => c.Text("name") == container).Text("securityContext", "runAsUser")
                ?? workload.PodSpec.Text("securityContext", "runAsUser");
            Assert.Equal(user, runAs);
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void The_healthcheck_asks_for_a_path_the_app_maps_on_the_port_it_serves(string container, string dockerfile)
    {
        var instructions = Instructions(dockerfile);
        var check = instructions.Single(i => i.Keyword == "HEALTHCHECK").Arguments;
        var url = Url().Match(check);

        Assert.True(url.Success, $"{container}: the HEALTHCHECK asks for no URL: {check}");
        Assert.Contains(url.Groups["path"].Value, AppSource.GetPathsOf(container));
        Assert.Contains(instructions, i => i.Keyword == "ENV" && i.Arguments.Contains($"ASPNETCORE_HTTP_PORTS={url.Groups["port"].Value}", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void The_build_copies_every_root_file_the_build_reads_and_the_context_keeps_what_it_copies(string container, string dockerfile)
    {
        var copied = Instructions(dockerfile)
            .Where(i => i.Keyword == "COPY" && !i.Arguments.Contains("--from", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).SkipLast(1))
            .ToList();
        var kept = File.ReadAllLines(Repository.PathOf(".dockerignore"))
            .Where(line => line.StartsWith('!'))
            .Select(line => line[1..].TrimEnd('/'))
            .ToList();

        Assert.All(BuildInputs, input => Assert.True(copied.Contains(input), $"{container}: the build stage does not copy {input}."));
        Assert.All(copied, source =>
        {
            Assert.True(File.Exists(Repository.PathOf(source)) || Directory.Exists(Repository.PathOf(source)), $"{container}: COPY {source}, which does not exist.");
            Assert.True(kept.Any(k => source.TrimEnd('/') == k || source.StartsWith(k + "/", StringComparison.Ordinal)), $"{container}: COPY {source}, which .dockerignore leaves out of the context.");
        });
    }

    /// <summary>The Dockerfile's instructions, continuation lines joined and comments dropped.</summary>
    private static List<(string Keyword, string Arguments)> Instructions(string dockerfile)
    {
        var text = File.ReadAllText(Repository.PathOf(dockerfile.Split('/')));
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !l.TrimStart().StartsWith('#'));
        var joined = string.Join('\n', lines).Replace("\\\n", " ", StringComparison.Ordinal);
        return [.. joined.Split('\n').Where(l => l.Trim().Length > 0).Select(l => l.Trim().Split(' ', 2)).Select(p => (p[0].ToUpperInvariant(), p.Length > 1 ? p[1].Trim() : ""))];
    }

    [GeneratedRegex(@"\$\{?(\w+)\}?")]
    private static partial Regex Argument();

    [GeneratedRegex(@"http://(?:127\.0\.0\.1|localhost):(?<port>\d+)(?<path>/[^""\s]*)")]
    private static partial Regex Url();
}
