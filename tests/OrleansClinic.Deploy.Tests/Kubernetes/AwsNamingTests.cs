using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace OrleansClinic.Deploy.Tests.Kubernetes;

/// <summary>
/// Each environment names its own AWS resources the way Terraform makes them (<c>orleansclinic-&lt;environment&gt;</c>):
/// no base placeholder left over, and no name copied from the other environment.
/// </summary>
public sealed partial class AwsNamingTests
{
    [Theory]
    [MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_aws_name_is_of_the_overlay_s_own_environment(string overlay) =>
        Assert.Empty(NamingProblems(Kustomize.Overlay(overlay), overlay));

    internal static IEnumerable<string> NamingProblems(IReadOnlyList<Manifest> objects, string environment)
    {
        var named = 0;
        foreach (var manifest in objects)
        {
            foreach (var value in manifest.Root.AllNodes.OfType<YamlScalarNode>().Select(n => n.Value ?? ""))
            {
                foreach (Match match in TerraformName().Matches(value))
                {
                    named++;
                    if (match.Groups["environment"].Value != environment)
                    {
                        yield return $"{manifest} names {match.Value}, not a resource of {environment}.";
                    }
                }
            }
        }

        if (named == 0)
        {
            yield return $"Nothing in {environment} names a Terraform resource (orleansclinic-{environment}…).";
        }
    }

    // Terraform's names: orleansclinic-<environment>[-role] and the bucket orleansclinic-archive-<environment>.
    [GeneratedRegex(@"orleansclinic-(?:archive-)?(?<environment>[A-Za-z0-9]+)")]
    private static partial Regex TerraformName();
}
