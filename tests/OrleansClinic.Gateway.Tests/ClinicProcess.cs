using System.Diagnostics;
using System.Text;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Gateway.Tests;

/// <summary>A silo or gateway started as its own process from its build output, as an operator would run it.</summary>
public sealed class ClinicProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ClinicProcess(Process process) => this.process = process;

    /// <summary>Everything the process printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts <c>{project}/bin/{configuration}/net10.0/{name}.dll</c> with the given environment.</summary>
    public static ClinicProcess Start(string projectFolder, string name, IReadOnlyDictionary<string, string> environment, string arguments = "")
    {
        var testBin = AppContext.BaseDirectory;
        var configuration = testBin.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var folder = Repository.PathOf(projectFolder, name, "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet", $"{name}.dll {arguments}")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clinic = new ClinicProcess(Process.Start(start)!);
        clinic.process.OutputDataReceived += (_, e) => clinic.Append(e.Data);
        clinic.process.ErrorDataReceived += (_, e) => clinic.Append(e.Data);
        clinic.process.BeginOutputReadLine();
        clinic.process.BeginErrorReadLine();
        return clinic;
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
