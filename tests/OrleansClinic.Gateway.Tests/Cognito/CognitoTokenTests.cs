using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace OrleansClinic.Gateway.Tests.Cognito;

/// <summary>Every token the gateway must refuse is 401, starting from a genuine one so that only the tampered part differs.</summary>
[Collection(CognitoCollection.Name)]
public sealed class CognitoTokenTests(CognitoGateway cognito)
{
    private const string Probe = "/api/v1/doctors";

    [Fact]
    public async Task A_genuine_access_token_is_accepted_and_so_is_the_same_token_re_signed_with_the_pools_key()
    {
        var access = await AccessToken();
        using var key = TokenForgery.CognitoLocalKey(cognito.Cognito.Binary);
        Assert.Equal(HttpStatusCode.OK, (await cognito.WithToken(access).GetAsync(Probe)).StatusCode);
        // The control for the forgeries below: re-signing alone changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await cognito.WithToken(TokenForgery.Rewrite(access, _ => { }, key)).GetAsync(Probe)).StatusCode);
    }

    [Fact]
    public async Task An_unsigned_token_alg_none_is_401() =>
        await Refused(TokenForgery.Rewrite(await AccessToken(), _ => { }, key: null));

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        using var stranger = RSA.Create(2048);
        await Refused(TokenForgery.Rewrite(await AccessToken(), _ => { }, stranger));
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_401()
    {
        using var key = TokenForgery.CognitoLocalKey(cognito.Cognito.Binary);
        await Refused(TokenForgery.Rewrite(await AccessToken(), p => p["iss"] = $"{cognito.Cognito.Endpoint.AbsoluteUri}local_SomeoneElse", key));
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        using var key = TokenForgery.CognitoLocalKey(cognito.Cognito.Binary);
        var past = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        await Refused(TokenForgery.Rewrite(await AccessToken(), p => { p["iat"] = past - 3600; p["exp"] = past; }, key));
    }

    [Fact]
    public async Task A_genuine_token_of_another_app_client_is_401()
    {
        var (email, password) = CognitoGateway.NewCredentials();
        await cognito.SignUpAndSignIn(email, password);
        var other = await cognito.Cognito.Call("InitiateAuth", new
        {
            AuthFlow = "USER_PASSWORD_AUTH",
            ClientId = cognito.OtherClientId,
            AuthParameters = new Dictionary<string, string> { ["USERNAME"] = email, ["PASSWORD"] = password },
        });
        var token = other.GetProperty("AuthenticationResult").GetProperty("AccessToken").GetString()!;
        Assert.Equal(cognito.OtherClientId, TokenForgery.Payload(token)["client_id"]!.GetValue<string>());
        await Refused(token);
    }

    [Fact]
    public async Task A_genuine_id_token_is_401()
    {
        var (email, password) = CognitoGateway.NewCredentials();
        var id = (await cognito.SignUpAndSignIn(email, password)).GetProperty("id_token").GetString()!;
        Assert.Equal("id", TokenForgery.Payload(id)["token_use"]!.GetValue<string>());
        await Refused(id);
    }

    [Fact]
    public async Task A_genuine_token_of_a_user_in_no_clinic_group_is_401()
    {
        var (email, password) = CognitoGateway.NewCredentials();
        var sub = TokenForgery.Payload((await cognito.SignUpAndSignIn(email, password)).GetProperty("access_token").GetString()!)["sub"]!.GetValue<string>();
        await cognito.Cognito.Call("AdminRemoveUserFromGroup", new { UserPoolId = cognito.PoolId, Username = sub, GroupName = "patient" });
        var token = (await (await cognito.Gateway.CreateClient().PostAsync("/api/v1/auth/sign-in", System.Net.Http.Json.JsonContent.Create(new { email, password }))).Body())
            .GetProperty("access_token").GetString()!;
        Assert.Null(TokenForgery.Payload(token)["cognito:groups"]);
        await Refused(token);
    }

    [Fact]
    public async Task A_token_whose_groups_hold_no_clinic_role_is_401()
    {
        using var key = TokenForgery.CognitoLocalKey(cognito.Cognito.Binary);
        await Refused(TokenForgery.Rewrite(await AccessToken(), p => p["cognito:groups"] = new JsonArray("superuser"), key));
    }

    private async Task<string> AccessToken()
    {
        var (email, password) = CognitoGateway.NewCredentials();
        return (await cognito.SignUpAndSignIn(email, password)).GetProperty("access_token").GetString()!;
    }

    private async Task Refused(string token)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await cognito.WithToken(token).GetAsync(Probe)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cognito.WithToken(token).GetAsync("/api/v1/patients/p-demo-1/appointments")).StatusCode);
    }
}
