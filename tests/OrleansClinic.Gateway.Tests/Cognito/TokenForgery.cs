using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace OrleansClinic.Gateway.Tests.Cognito;

/// <summary>
/// Rewrites a genuine token for the negative tests only: changes claims, and re-signs with cognito-local's own key (which
/// it ships in its package, the same in every install) or with a stranger's key, or drops the signature.
/// </summary>
public static class TokenForgery
{
    public static JsonObject Header(string token) => Decode(token.Split('.')[0]);

    public static JsonObject Payload(string token) => Decode(token.Split('.')[1]);

    /// <summary>The token with <paramref name="change"/> applied to its payload, signed with <paramref name="key"/> (or unsigned, alg none, when null).</summary>
    public static string Rewrite(string token, Action<JsonObject> change, RSA? key)
    {
        var header = Header(token);
        var payload = Payload(token);
        change(payload);
        if (key is null)
        {
            header["alg"] = "none";
            return $"{Encode(header)}.{Encode(payload)}.";
        }

        var signed = $"{Encode(header)}.{Encode(payload)}";
        return signed + "." + Base64UrlEncoder.Encode(key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>cognito-local's signing key, read from the installed package next to its binary.</summary>
    public static RSA CognitoLocalKey(string binary)
    {
        var start = File.ResolveLinkTarget(binary, returnFinalTarget: true)?.FullName ?? binary;
        var keys = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(start)!, "..", "keys", "cognitoLocal.private.json"));
        var rsa = RSA.Create();
        rsa.ImportFromPem(JsonNode.Parse(File.ReadAllText(keys))!["pem"]!.GetValue<string>());
        return rsa;
    }

    private static JsonObject Decode(string part) => JsonNode.Parse(Base64UrlEncoder.DecodeBytes(part))!.AsObject();

    private static string Encode(JsonObject part) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(part));
}
