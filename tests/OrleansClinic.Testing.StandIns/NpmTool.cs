using System.Diagnostics;

namespace OrleansClinic.Testing.StandIns;

/// <summary>
/// A stand-in that comes from npm (s3rver, cognito-local): the binary named by its environment variable when set, else
/// the pinned version in ~/.cache/orleans-clinic, installed there with npm when missing (as .ci/run does).
/// </summary>
/// <param name="Package">The npm package.</param>
/// <param name="Version">The pinned version.</param>
/// <param name="Variable">The environment variable that may point at the binary instead.</param>
public sealed record NpmTool(string Package, string Version, string Variable)
{
    /// <summary>The binary's path, installing the package into the cache first if it is not there.</summary>
    public Task<string> LocateAsync() => LocateAsync(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The binary's path given the variable's value <paramref name="configured"/>, which must exist when set.</summary>
    public async Task<string> LocateAsync(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{Variable}={configured} does not exist; point it at node_modules/.bin/{Package} of {Package}@{Version}, or unset it.");
        }

        var cacheRoot = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var cache = Path.Combine(cacheRoot, "orleans-clinic", $"{Package}-{Version}");
        var binary = Path.Combine(cache, "node_modules", ".bin", Package);
        if (File.Exists(binary))
        {
            return binary;
        }

        Directory.CreateDirectory(cache);
        var npm = new ProcessStartInfo("npm", ["install", "--no-audit", "--no-fund", "--prefix", cache, $"{Package}@{Version}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process? started;
        try
        {
            started = Process.Start(npm);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{Package}@{Version} is not in {cache} and npm, needed to install it (Node 20 + npm), cannot run; run .ci/run or set {Variable}.", e);
        }

        using var install = started ?? throw new InvalidOperationException($"npm is needed to install {Package} (Node 20 + npm); run .ci/run or set {Variable}.");
        var log = install.StandardError.ReadToEndAsync();
        await install.StandardOutput.ReadToEndAsync();
        await install.WaitForExitAsync();
        return install.ExitCode == 0 && File.Exists(binary) ? binary
            : throw new InvalidOperationException($"could not install {Package}@{Version} into {cache}; run .ci/run or set {Variable}.\n{await log}");
    }
}
