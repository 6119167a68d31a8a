using OrleansClinic.Gateway.Auth;

namespace OrleansClinic.Gateway.Tests.Cognito;

/// <summary>The hosted UI settings are checked at start-up like the rest of <c>Auth:Cognito</c>, each failure naming the setting.</summary>
public sealed class CognitoOptionsValidatorTests
{
    [Theory]
    [InlineData("https://clinic.auth.ap-southeast-2.amazoncognito.com")]
    [InlineData("https://clinic.auth.ap-southeast-2.amazoncognito.com/")]
    [InlineData("https://sign-in.clinic.example")]
    [InlineData("http://127.0.0.1:9230")]
    [InlineData("http://localhost:9230/")]
    public void A_hosted_ui_domain_over_https_or_on_loopback_passes(string domain) =>
        Assert.True(new CognitoOptionsValidator().Validate(null, Valid(o => o.HostedUiDomain = domain)).Succeeded);

    [Theory]
    [InlineData("http://clinic.auth.ap-southeast-2.amazoncognito.com", "HostedUiDomain")]
    [InlineData("http://10.0.0.5:9230", "HostedUiDomain")]
    [InlineData("https://clinic.auth.ap-southeast-2.amazoncognito.com/oauth2", "HostedUiDomain")]
    [InlineData("https://clinic.auth.ap-southeast-2.amazoncognito.com/?x=1", "HostedUiDomain")]
    [InlineData("https://user:secret@clinic.example", "HostedUiDomain")]
    [InlineData("clinic.auth.ap-southeast-2.amazoncognito.com", "HostedUiDomain")]
    public void A_hosted_ui_domain_in_plain_http_off_loopback_or_with_a_path_is_refused(string domain, string setting)
    {
        var result = new CognitoOptionsValidator().Validate(null, Valid(o => o.HostedUiDomain = domain));

        Assert.True(result.Failed);
        Assert.Contains($"Auth:Cognito:{setting} must be a base URL, https (http only on loopback)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("openid  email")]
    [InlineData(" openid")]
    [InlineData("openid\n")]
    [InlineData("openid \"email\"")]
    public void A_malformed_scope_is_refused(string scope)
    {
        var result = new CognitoOptionsValidator().Validate(null, Valid(o => o.HostedUiScope = scope));

        Assert.True(result.Failed);
        Assert.Contains("Auth:Cognito:HostedUiScope must be OAuth scopes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Scopes_separated_by_spaces_pass() =>
        Assert.True(new CognitoOptionsValidator().Validate(null, Valid(o => o.HostedUiScope = "openid email aws.cognito.signin.user.admin")).Succeeded);

    [Theory]
    [InlineData("http://desk.clinic.example/dashboard/", false)]
    [InlineData("https://desk.clinic.example/dashboard/#x", false)]
    [InlineData("/dashboard/", false)]
    [InlineData("https://desk.clinic.example/dashboard/", true)]
    [InlineData("http://127.0.0.1:5080/dashboard/", true)]
    public void Callback_urls_must_be_https_or_loopback_without_a_fragment(string url, bool passes)
    {
        var options = Valid(o => o.HostedUiDomain = "https://clinic.auth.ap-southeast-2.amazoncognito.com");
        options.HostedUiCallbackUrls.Add(url);

        var result = new CognitoOptionsValidator().Validate(null, options);

        Assert.Equal(passes, result.Succeeded);
        if (!passes)
        {
            Assert.Contains($"Auth:Cognito:HostedUiCallbackUrls holds '{url}'", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_a_hosted_ui_domain_the_password_form_settings_still_pass() =>
        Assert.True(new CognitoOptionsValidator().Validate(null, Valid(_ => { })).Succeeded);

    [Theory]
    [InlineData("dashboard1", true)]
    [InlineData("", true)]
    [InlineData("has space", false)]
    [InlineData("slash/not/allowed", false)]
    public void A_dashboard_client_id_is_an_app_client_id_and_is_accepted_beside_the_patients_one(string id, bool passes)
    {
        var options = Valid(o => o.DashboardClientId = id);

        Assert.Equal(passes, new CognitoOptionsValidator().Validate(null, options).Succeeded);
        if (passes)
        {
            Assert.Equal(id.Length > 0 ? ["client1", id] : ["client1"], options.AcceptedClientIds);
            Assert.Equal(id.Length > 0 ? id : "client1", options.HostedUiClientId);
        }
    }

    private static CognitoOptions Valid(Action<CognitoOptions> change)
    {
        var options = new CognitoOptions { UserPoolId = "ap-southeast-2_Test1", Region = "ap-southeast-2", AppClientId = "client1" };
        change(options);
        return options;
    }
}
