using System.Diagnostics;
using System.Globalization;
using System.Net;
using OrleansClinic.Testing.StandIns;

namespace OrleansClinic.Benchmarks;

/// <summary>
/// The built gateway (co-hosted silo) started as its own process, as an operator runs it, so that its memory is its
/// own: resident set from <c>/proc/&lt;pid&gt;/status</c>, managed heap from its Prometheus scrape.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private const int OutputLines = 200;

    private readonly Process process;
    private readonly Queue<string> output = new();

    private GatewayProcess(Process process, Uri address) => (this.process, Address) = (process, address);

    /// <summary>Where the gateway listens.</summary>
    public Uri Address { get; }

    /// <summary>The gateway's process id.</summary>
    public int Id => process.Id;

    /// <summary>The last lines the gateway printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    /// <summary>
    /// Starts <c>gateway/OrleansClinic.Gateway/bin/&lt;configuration&gt;/net10.0/OrleansClinic.Gateway.dll</c> (the
    /// configuration this benchmark was built in) with <paramref name="environment"/>, then
    /// <paramref name="arguments"/> (<c>--Key=value</c>, which win), and waits until <c>/readyz</c> answers 200.
    /// </summary>
    public static async Task<GatewayProcess> Start(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> arguments)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var folder = Repository.PathOf("gateway", "OrleansClinic.Gateway", "bin", configuration, "net10.0");
        var dll = Path.Combine(folder, "OrleansClinic.Gateway.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the benchmarks (which build the gateway) in {configuration} first");
        }

        var (http, silo, gateway) = LiveGateway.FreePorts();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var c = CultureInfo.InvariantCulture;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{http.ToString(c)}";
        start.Environment["Orleans__SiloPort"] = silo.ToString(c);
        start.Environment["Orleans__GatewayPort"] = gateway.ToString(c);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var started = new GatewayProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{http.ToString(c)}"));
        started.process.OutputDataReceived += (_, e) => started.Append(e.Data);
        started.process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        started.process.BeginOutputReadLine();
        started.process.BeginErrorReadLine();
        try
        {
            await started.WaitUntilReady(TimeSpan.FromSeconds(180));
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>The gateway's resident set (<c>VmRSS</c>), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                // "VmRSS:    123456 kB"
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("no VmRSS in /proc/<pid>/status");
    }

    /// <summary>
    /// The samples of <c>/metrics</c> (the gateway runs with <c>Telemetry:PrometheusScraping</c>) whose name starts
    /// with <paramref name="prefix"/>, summed over their labels; NaN when there is none.
    /// </summary>
    public async Task<double> Metric(HttpClient http, string prefix)
    {
        var text = await http.GetStringAsync(new Uri(Address, "/metrics"));
        var total = double.NaN;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal) && (line.Length == prefix.Length || line[prefix.Length] is '{' or ' ')
                && line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var value, ..]
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var sample))
            {
                total = double.IsNaN(total) ? sample : total + sample;
            }
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        process.Dispose();
    }

    private async Task WaitUntilReady(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the gateway exited with {process.ExitCode.ToString(CultureInfo.InvariantCulture)}:\n{Output}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the gateway was not ready after {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > OutputLines)
            {
                output.Dequeue();
            }
        }
    }
}
