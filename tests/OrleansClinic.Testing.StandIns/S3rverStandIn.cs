using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OrleansClinic.Testing.StandIns;

/// <summary>
/// The real npm <c>s3rver</c> (a fake S3 over HTTP) as a child process on a free loopback port, with its own temporary
/// data directory and one bucket, so an S3 adapter is tested through the real AWS SDK. Found through
/// <c>CLINIC_TEST_S3RVER</c> (set by .ci/run), else installed once into ~/.cache with npm, as the cognito-local tests do;
/// when neither works, starting fails saying why, so the tests fail rather than skip.
/// </summary>
public sealed class S3rverStandIn : IAsyncDisposable
{
    /// <summary>The version .ci/run installs and these tests were written against.</summary>
    public const string Version = "3.7.1";

    /// <summary>The variable naming the s3rver binary (<c>node_modules/.bin/s3rver</c>).</summary>
    public const string BinaryVariable = "CLINIC_TEST_S3RVER";

    /// <summary>The access key s3rver accepts (its built-in account); the secret key is the same.</summary>
    public const string AccessKey = "S3RVER";

    /// <summary>The secret key s3rver accepts.</summary>
    public const string SecretKey = "S3RVER";

    private readonly Process process;
    private readonly StringBuilder output = new();

    private S3rverStandIn(Process process, Uri url, string bucketName, string dataDirectory)
    {
        this.process = process;
        Url = url;
        BucketName = bucketName;
        DataDirectory = dataDirectory;
    }

    /// <summary>The endpoint, such as <c>http://127.0.0.1:4568/</c>; address buckets in the path (<c>ForcePathStyle</c>).</summary>
    public Uri Url { get; }

    /// <summary>The bucket created at start.</summary>
    public string BucketName { get; }

    /// <summary>Where s3rver keeps its buckets and objects.</summary>
    public string DataDirectory { get; }

    /// <summary>What s3rver printed; shown when it fails to start.</summary>
    public string Output { get { lock (output) { return output.ToString(); } } }

    /// <summary>Starts s3rver on a free loopback port with a fresh data directory and the bucket <paramref name="bucketName"/>, and waits until it answers.</summary>
    public static async Task<S3rverStandIn> StartAsync(string bucketName = "clinic-archive", CancellationToken cancellationToken = default)
    {
        var binary = await LocateAsync(Environment.GetEnvironmentVariable(BinaryVariable));
        for (var attempt = 1; ; attempt++)
        {
            var data = Directory.CreateTempSubdirectory("clinic-s3rver-").FullName;
            var port = LoopbackHttpServer.FreePort();
            var start = new ProcessStartInfo(binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--directory", data, "--port", port.ToString(CultureInfo.InvariantCulture), "--address", "127.0.0.1", "--configure-bucket", bucketName })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
            var standIn = new S3rverStandIn(process, new Uri($"http://127.0.0.1:{port}/"), bucketName, data);
            process.OutputDataReceived += (_, e) => standIn.Append(e.Data);
            process.ErrorDataReceived += (_, e) => standIn.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await standIn.WaitUntilServingAsync(cancellationToken);
                return standIn;
            }
            catch (InvalidOperationException) when (attempt < 3 && standIn.Output.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                // Another process took the port between probing and binding.
                await standIn.DisposeAsync();
            }
            catch
            {
                await standIn.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>The s3rver binary: <see cref="BinaryVariable"/> when set, else the pinned version from the cache (installed when missing).</summary>
    public static Task<string> LocateAsync(string? configured) => new NpmTool("s3rver", Version, BinaryVariable).LocateAsync(configured);

    /// <summary>Stops s3rver and removes its data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        // Node starting on a busy two-core machine can take a while; a slow first answer is waited for, not fatal.
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(100, cancellationToken))
        {
            if (process.HasExited)
            {
                // Waiting again drains what it printed before exiting, so the message carries the reason.
                await process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"s3rver exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                // The bucket answering means s3rver listens and has created it.
                using var response = await http.GetAsync(new Uri(Url, BucketName), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
                // listening, but too busy to answer within the request timeout
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"s3rver did not serve bucket {BucketName} at {Url} within 60 s:\n{Output}");
            }
        }
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
