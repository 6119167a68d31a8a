using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;

namespace OrleansClinic.Gateway.Tests.Cognito;

[Collection(CognitoCollection.Name)]
public sealed class CognitoSignInTests(CognitoGateway cognito)
{
    [Fact]
    public async Task A_patient_who_signs_up_and_signs_in_books_and_reads_their_own_appointments()
    {
        var (email, password) = CognitoGateway.NewCredentials();
        var tokens = await cognito.SignUpAndSignIn(email, password);
        var access = tokens.GetProperty("access_token").GetString()!;
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.True(tokens.GetProperty("expires_in").GetInt32() > 0);
        var claims = TokenForgery.Payload(access);
        Assert.Equal("patient", Assert.Single(claims["cognito:groups"]!.AsArray())!.GetValue<string>());
        var sub = claims["sub"]!.GetValue<string>();
        var client = cognito.WithToken(access);

        // Not registered yet: the token passes authentication and the per-object check, and the patient is unknown.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/patients/{sub}/appointments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/patients/p-demo-1/appointments")).StatusCode);

        // Self-registration files the patient under the token's sub, so the same token then books for itself.
        var registered = await client.PostIdempotent("/api/v1/patients", new { givenName = "Test", familyName = "Cognito", dateOfBirth = "1990-04-01" }, "k-" + Guid.NewGuid());
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        Assert.Equal(sub, (await registered.Body()).GetProperty("id").GetString());
        var booked = await client.PostIdempotent("/api/v1/appointments",
            new { doctorId = "d-wattle", patientId = sub, start = ClinicCalls.At(ClinicCalls.FutureWeekday(2, NodaTime.IsoDayOfWeek.Thursday), 9, 0), reason = "check-up" }, "k-" + Guid.NewGuid());
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var mine = await client.GetAsync($"/api/v1/patients/{sub}/appointments");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(1, (await mine.Body()).GetArrayLength());

        // The sign-in is in the audit trail under the user's id.
        var signIn = await Audited(e => e.EntityId == sub && e.Action == "auth.sign_in");
        Assert.Equal((sub, "success"), (signIn.ActorId, signIn.Outcome));
    }

    [Fact]
    public async Task The_post_confirmation_trigger_put_the_patient_in_the_patient_group()
    {
        var before = cognito.Lambda.Invocations;
        var (email, password) = CognitoGateway.NewCredentials();
        await cognito.SignUpAndSignIn(email, password);
        Assert.True(cognito.Lambda.Invocations > before);
    }

    [Fact]
    public async Task Signing_in_before_confirming_is_403_and_a_wrong_code_is_422()
    {
        var (email, password) = CognitoGateway.NewCredentials();
        var client = cognito.Gateway.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/v1/auth/sign-up", new { email, password })).StatusCode);

        var early = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password });
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Equal("urn:orleans-clinic:problem:account-not-confirmed", (await early.Body()).GetProperty("type").GetString());

        var wrong = await client.PostAsJsonAsync("/api/v1/auth/confirm", new { email, code = "000000x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.True((await wrong.Body()).GetProperty("errors").TryGetProperty("code", out _));
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_problem_that_does_not_echo_the_email()
    {
        var (email, password) = CognitoGateway.NewCredentials();
        await cognito.SignUpAndSignIn(email, password);

        var response = await cognito.Gateway.CreateClient().PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = password + "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("urn:orleans-clinic:problem:sign-in-failed", text, StringComparison.Ordinal);
        Assert.DoesNotContain(email, text, StringComparison.Ordinal);

        var unknown = await cognito.Gateway.CreateClient().PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "nobody-" + email, password });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);

        // Both refusals are audited, without the email address they were tried with.
        foreach (var refused in new[] { response, unknown })
        {
            var correlation = refused.Headers.GetValues("X-Correlation-Id").Single();
            var entry = await Audited(e => e.CorrelationId == correlation);
            Assert.Equal(("auth.sign_in", "denied", "unknown"), (entry.Action, entry.Outcome, entry.ActorId));
            Assert.DoesNotContain(email, entry.ToString(), StringComparison.Ordinal);
        }
    }

    private async Task<OrleansClinic.Audit.AuditEntryView> Audited(Func<OrleansClinic.Audit.AuditEntryView, bool> match)
    {
        var desk = cognito.Gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<OrleansClinic.Audit.IAuditDeskGrain>(0);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(100, TestContext.Current.CancellationToken))
        {
            if ((await desk.Find(new OrleansClinic.Audit.AuditQuery(null, null, null, 5_000))).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "no matching audit entry");
        }
    }

    [Fact]
    public async Task Signing_up_twice_is_409()
    {
        var (email, password) = CognitoGateway.NewCredentials();
        var client = cognito.Gateway.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/v1/auth/sign-up", new { email, password })).StatusCode);
        var again = await client.PostAsJsonAsync("/api/v1/auth/sign-up", new { email, password });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("urn:orleans-clinic:problem:account-exists", (await again.Body()).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("not-an-email", "a-password", "email")]
    [InlineData("", "a-password", "email")]
    [InlineData("Someone <someone@example.test>", "a-password", "email")]
    [InlineData("long", "a-password", "email")]
    [InlineData("someone@example.test", "", "password")]
    [InlineData("someone@example.test", "long", "password")]
    public async Task Bad_sign_up_input_is_a_422_problem_naming_the_field(string email, string password, string field)
    {
        email = email == "long" ? new string('a', 250) + "@example.test" : email;
        password = password == "long" ? new string('p', 257) : password;
        var response = await cognito.Gateway.CreateClient().PostAsJsonAsync("/api/v1/auth/sign-up", new { email, password });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Body()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task An_empty_body_is_a_422_problem()
    {
        var response = await cognito.Gateway.CreateClient().PostRaw("/api/v1/auth/sign-in", "{}", "application/json", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task The_development_issuer_is_gone_and_the_auth_endpoints_are_in_the_OpenAPI_document()
    {
        var client = cognito.Gateway.CreateClient();
        // Unmapped: the fallback policy answers an anonymous caller 401 before routing would say 404; either way no token.
        var devToken = await client.PostAsJsonAsync("/dev/token", new { subject = "p-demo-1", roles = new[] { "patient" } });
        Assert.Contains(devToken.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Unauthorized });
        var paths = (await (await client.GetAsync("/openapi/v1.json")).Body()).GetProperty("paths");
        Assert.False(paths.TryGetProperty("/dev/token", out _));
        Assert.True(paths.TryGetProperty("/api/v1/auth/sign-up", out _));
        Assert.True(paths.TryGetProperty("/api/v1/auth/sign-in", out _));
        Assert.True(paths.TryGetProperty("/api/v1/auth/confirm", out _));
    }
}
