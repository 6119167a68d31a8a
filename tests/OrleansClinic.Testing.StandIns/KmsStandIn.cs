using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansClinic.Testing.StandIns;

/// <summary>
/// A local stand-in for AWS KMS's <c>Encrypt</c> and <c>Decrypt</c> over real HTTP on a loopback port, speaking the JSON
/// 1.1 protocol the SDK uses, so the adapter is tested through the real client: signing, marshalling and error mapping.
/// </summary>
/// <remarks>
/// It stands in for AWS KMS because no KMS emulator is installable here (pip has no network; npm has none). Each
/// configured key ARN gets a random AES-256 key; a ciphertext blob is <c>"SKMS" | key id length (2) | key id | nonce (12)
/// | tag (16) | sealed plaintext</c>, AES-GCM with the key id and the canonical encryption context as associated data.
/// Signatures are recorded, not verified. It can be told to answer an error (an outage, a refusal) or to stop listening.
/// </remarks>
public sealed class KmsStandIn : IAsyncDisposable
{
    private static readonly byte[] Magic = "SKMS"u8.ToArray();

    private readonly Dictionary<string, byte[]> keys;
    private LoopbackHttpServer? server;
    private readonly ConcurrentQueue<KmsRequest> requests = new();
    private volatile Fault? fault;

    private KmsStandIn(IEnumerable<string> keyIds) =>
        keys = keyIds.ToDictionary(id => id, _ => RandomNumberGenerator.GetBytes(32), StringComparer.Ordinal);

    /// <summary>The stand-in's endpoint, such as <c>http://127.0.0.1:4599/</c>.</summary>
    public Uri Url => server!.Url;

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<KmsRequest> Requests => [.. requests];

    /// <summary>Answers every later request with <paramref name="status"/> and KMS error <paramref name="errorType"/>: by default an outage.</summary>
    public void FailWith(int status = 500, string errorType = "KMSInternalException") => fault = new Fault(status, errorType);

    /// <summary>Answers requests normally again.</summary>
    public void Recover() => fault = null;

    /// <summary>Starts a stand-in holding a fresh key for each of <paramref name="keyIds"/> on a free loopback port.</summary>
    public static KmsStandIn Start(params string[] keyIds)
    {
        // One request at a time, as the tests expect their recorded order to be the order sent.
        var standIn = new KmsStandIn(keyIds);
        standIn.server = LoopbackHttpServer.Start(standIn.AnswerAsync, concurrent: false);
        return standIn;
    }

    /// <summary>Stops listening, so later calls are refused at the TCP level as when KMS cannot be reached.</summary>
    public Task StopAsync() => server!.StopAsync();

    public ValueTask DisposeAsync() => server!.DisposeAsync();

    /// <summary>A key ARN in the stand-in's fictional account.</summary>
    public static string KeyArn(string keyId) => $"arn:aws:kms:ap-southeast-2:111122223333:key/{keyId}";

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var target = request.Headers["X-Amz-Target"] ?? "";
        var json = body.Length == 0 ? null : JsonNode.Parse(body)?.AsObject();
        requests.Enqueue(new KmsRequest(
            target,
            request.Headers["Authorization"],
            request.ContentType,
            json?["KeyId"]?.GetValue<string>(),
            json?["EncryptionContext"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal)));

        var (status, answer) = fault is { } failure
            ? (failure.Status, Error(failure.ErrorType, "The stand-in is failing on purpose."))
            : request.HttpMethod != "POST" || json is null ? (400, Error("ValidationException", "Expected a JSON POST."))
            : target switch
            {
                "TrentService.Encrypt" => Encrypt(json),
                "TrentService.Decrypt" => Decrypt(json),
                _ => (400, Error("UnknownOperationException", $"The stand-in does not implement {target}.")),
            };

        var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/x-amz-json-1.1";
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private (int, JsonObject) Encrypt(JsonObject request)
    {
        var keyId = request["KeyId"]?.GetValue<string>() ?? "";
        if (!keys.TryGetValue(keyId, out var key))
        {
            return (400, Error("NotFoundException", $"Key '{keyId}' does not exist"));
        }

        var plaintext = Convert.FromBase64String(request["Plaintext"]!.GetValue<string>());
        var id = Encoding.UTF8.GetBytes(keyId);
        var header = Magic.Length + sizeof(ushort) + id.Length;
        var blob = new byte[header + 12 + 16 + plaintext.Length];
        Magic.CopyTo(blob, 0);
        blob[Magic.Length] = (byte)(id.Length >> 8);
        blob[Magic.Length + 1] = (byte)id.Length;
        id.CopyTo(blob, Magic.Length + sizeof(ushort));
        var nonce = blob.AsSpan(header, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(header + 28), blob.AsSpan(header + 12, 16), AssociatedData(keyId, request));
        return (200, new JsonObject
        {
            ["CiphertextBlob"] = Convert.ToBase64String(blob),
            ["KeyId"] = keyId,
            ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT",
        });
    }

    private (int, JsonObject) Decrypt(JsonObject request)
    {
        var blob = Convert.FromBase64String(request["CiphertextBlob"]!.GetValue<string>());
        var idLength = blob.Length > Magic.Length + sizeof(ushort) ? (blob[Magic.Length] << 8) | blob[Magic.Length + 1] : -1;
        var header = Magic.Length + sizeof(ushort) + idLength;
        if (idLength < 0 || !blob.AsSpan(0, Magic.Length).SequenceEqual(Magic) || blob.Length < header + 28)
        {
            return (400, Error("InvalidCiphertextException", "The ciphertext is malformed."));
        }

        var blobKeyId = Encoding.UTF8.GetString(blob, Magic.Length + sizeof(ushort), idLength);
        var requestedKeyId = request["KeyId"]?.GetValue<string>();
        if (requestedKeyId is not null && !keys.ContainsKey(requestedKeyId))
        {
            return (400, Error("NotFoundException", $"Key '{requestedKeyId}' does not exist"));
        }

        if (requestedKeyId is not null && requestedKeyId != blobKeyId)
        {
            return (400, Error("IncorrectKeyException", "The key ID in the request does not identify the key that encrypted the ciphertext."));
        }

        if (!keys.TryGetValue(blobKeyId, out var key))
        {
            return (400, Error("InvalidCiphertextException", "The ciphertext refers to no key."));
        }

        var plaintext = new byte[blob.Length - header - 28];
        try
        {
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(blob.AsSpan(header, 12), blob.AsSpan(header + 28), blob.AsSpan(header + 12, 16), plaintext, AssociatedData(blobKeyId, request));
        }
        catch (AuthenticationTagMismatchException)
        {
            return (400, Error("InvalidCiphertextException", "The ciphertext or its encryption context is not the one encrypted."));
        }

        return (200, new JsonObject
        {
            ["Plaintext"] = Convert.ToBase64String(plaintext),
            ["KeyId"] = blobKeyId,
            ["EncryptionAlgorithm"] = "SYMMETRIC_DEFAULT",
        });
    }

    // The key id and the encryption context, key=value pairs in ordinal order, as KMS binds them to the ciphertext.
    private static byte[] AssociatedData(string keyId, JsonObject request)
    {
        var context = (request["EncryptionContext"]?.AsObject() ?? [])
            .Select(p => $"{p.Key}={p.Value!.GetValue<string>()}")
            .Order(StringComparer.Ordinal);
        return Encoding.UTF8.GetBytes(string.Join('\n', context.Prepend(keyId)));
    }

    private static JsonObject Error(string type, string message) => new() { ["__type"] = type, ["message"] = message };

    private sealed record Fault(int Status, string ErrorType);
}

/// <summary>One request the stand-in received: its target, signature, content type, key id and encryption context.</summary>
public sealed record KmsRequest(
    string Target, string? Authorization, string? ContentType, string? KeyId, IReadOnlyDictionary<string, string>? EncryptionContext);
