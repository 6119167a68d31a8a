using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansClinic.Testing.StandIns;

/// <summary>
/// The real npm <c>cognito-local</c> on a free loopback port with its own data directory. Found through
/// <c>CLINIC_TEST_COGNITO_LOCAL</c> (set by .ci/run), else installed once into ~/.cache with npm. Shared by the gateway's
/// sign-in tests and the dashboard's hosted sign-in tests (with <see cref="CognitoHostedUiStandIn"/> in front of it).
/// </summary>
public sealed class CognitoLocalProcess : IAsyncDisposable
{
    /// <summary>The version .ci/run installs and these tests were written against.</summary>
    public const string Version = "5.3.0";

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly HttpClient http;

    private CognitoLocalProcess(Process process, string dataDirectory, Uri endpoint, string binary)
    {
        this.process = process;
        DataDirectory = dataDirectory;
        Endpoint = endpoint;
        Binary = binary;
        http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Endpoint { get; }

    public string DataDirectory { get; }

    public string Binary { get; }

    /// <summary>What cognito-local printed (confirmation codes among it); shown when a test needs to explain a failure.</summary>
    public string Output { get { lock (output) { return output.ToString(); } } }

    /// <summary>Starts cognito-local with <paramref name="config"/> as its <c>.cognito/config.json</c> and a fixed confirmation code.</summary>
    public static async Task<CognitoLocalProcess> Start(int port, JsonObject config, string confirmationCode)
    {
        var binary = await Locate();
        var data = Directory.CreateTempSubdirectory("clinic-cognito-").FullName;
        Directory.CreateDirectory(Path.Combine(data, ".cognito"));
        await File.WriteAllTextAsync(Path.Combine(data, ".cognito", "config.json"), config.ToJsonString());
        var start = new ProcessStartInfo(binary) { WorkingDirectory = data, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment["CODE"] = confirmationCode;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        var local = new CognitoLocalProcess(process, data, new Uri($"http://127.0.0.1:{port}/"), binary);
        process.OutputDataReceived += (_, e) => local.Append(e.Data);
        process.ErrorDataReceived += (_, e) => local.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(100))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"cognito-local exited with {process.ExitCode}:\n{local.Output}");
            }

            try
            {
                if ((await local.http.GetAsync("health")).IsSuccessStatusCode)
                {
                    return local;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // not listening yet
            }
        }
    }

    /// <summary>Calls cognito-local's JSON API (<c>X-Amz-Target: AWSCognitoIdentityProviderService.{target}</c>) and returns the answer, failing on an error.</summary>
    public async Task<JsonElement> Call(string target, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new StringContent(JsonSerializer.Serialize(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService." + target);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"cognito-local {target} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonElement.Parse(text);
    }

    /// <summary>Creates a user pool signing in by email, with the five clinic groups; returns its id.</summary>
    public async Task<string> CreateClinicPool(string name)
    {
        var pool = await Call("CreateUserPool", new { PoolName = name, UsernameAttributes = new[] { "email" }, AutoVerifiedAttributes = new[] { "email" } });
        var poolId = pool.GetProperty("UserPool").GetProperty("Id").GetString()!;
        foreach (var role in new[] { "patient", "doctor", "receptionist", "practice_manager", "admin" })
        {
            await Call("CreateGroup", new { UserPoolId = poolId, GroupName = role });
        }

        return poolId;
    }

    /// <summary>Creates an app client without a secret that may sign in with a password; returns its id.</summary>
    public async Task<string> CreateAppClient(string poolId, string name)
    {
        var client = await Call("CreateUserPoolClient", new
        {
            UserPoolId = poolId,
            ClientName = name,
            ExplicitAuthFlows = new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
        });
        return client.GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;
    }

    /// <summary>Adds a confirmed user with a permanent password to <paramref name="group"/>, as an administrator adds staff to the pool.</summary>
    public async Task AddUser(string poolId, string email, string password, string group)
    {
        await Call("AdminCreateUser", new { UserPoolId = poolId, Username = email, MessageAction = "SUPPRESS" });
        await Call("AdminSetUserPassword", new { UserPoolId = poolId, Username = email, Password = password, Permanent = true });
        await Call("AdminAddUserToGroup", new { UserPoolId = poolId, Username = email, GroupName = group });
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        http.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
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

    private static Task<string> Locate() => new NpmTool("cognito-local", Version, "CLINIC_TEST_COGNITO_LOCAL").LocateAsync();
}
