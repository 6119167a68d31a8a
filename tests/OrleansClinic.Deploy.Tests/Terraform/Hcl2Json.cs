using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Deploy.Tests.Terraform;

/// <summary>
/// HashiCorp's HCL parser, as the npm package <c>@cdktf/hcl2json</c> (its WebAssembly build), run by Node over a folder
/// of .tf files. Terraform cannot load its providers here, so the tests read the configuration as the parser sees it.
/// </summary>
internal static class Hcl2Json
{
    /// <summary>The pinned version, installed by .ci/run.</summary>
    public const string Version = "0.21.0";

    /// <summary>Names the package's folder (…/node_modules/@cdktf/hcl2json); .ci/run sets it.</summary>
    public const string Variable = "CLINIC_TEST_HCL2JSON";

    /// <summary>Parses every .tf file under <paramref name="folder"/>: relative path → the file in Terraform's JSON syntax.</summary>
    public static async Task<JsonElement> ParseFolderAsync(string folder)
    {
        var script = Repository.PathOf("tests", "OrleansClinic.Deploy.Tests", "Terraform", "hcl2json.js");
        var start = new ProcessStartInfo("node", [script, PackageFolder(), folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("Node (20+) is needed to run the HCL parser and is not on PATH.", e);
        }

        using var node = started ?? throw new InvalidOperationException("Node did not start.");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"The HCL parser refused {folder} (exit {node.ExitCode}):\n{await errors}");
        }

        using var document = JsonDocument.Parse(await output);
        return document.RootElement.Clone();
    }

    private static string PackageFolder()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "package.json"))
                ? configured
                : throw new InvalidOperationException($"{Variable}={configured} is not the @cdktf/hcl2json package folder (no package.json there).");
        }

        var cacheRoot = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var cache = Path.Combine(cacheRoot, "orleans-clinic", $"hcl2json-{Version}");
        var package = Path.Combine(cache, "node_modules", "@cdktf", "hcl2json");
        return File.Exists(Path.Combine(package, "package.json"))
            ? package
            : throw new InvalidOperationException(
                $"The HCL parser @cdktf/hcl2json@{Version} is not installed. Run .ci/run, or install it with\n" +
                $"  npm install --no-audit --no-fund --prefix {cache} @cdktf/hcl2json@{Version}\n" +
                $"or set {Variable} to the package's folder.");
    }
}
