using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansClinic.Notifications;

namespace OrleansClinic.Gateway.Tests.Notifications;

/// <summary>
/// Appointment notices through the real Twilio and SendGrid clients against a local stand-in: the exact requests, only
/// on consented channels, once per appointment version, retried on throttling and dead-lettered on refusal.
/// </summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private const string AccountSid = "AC00000000000000000000000000000001";
    private const string AuthToken = "stand-in-token";
    private const string CallbackUrl = "https://clinic.example.test/api/v1/notifications/twilio/status";
    private readonly ProviderFake provider = new();
    private static int phones = 100;
    private ClinicGatewayHost api = null!;

    public ValueTask InitializeAsync()
    {
        api = new ClinicGatewayHost(new Dictionary<string, string?>
        {
            ["Notifications:Twilio:AccountSid"] = AccountSid,
            ["Notifications:Twilio:AuthToken"] = AuthToken,
            ["Notifications:Twilio:StatusCallbackUrl"] = CallbackUrl,
            ["Notifications:Twilio:From"] = "+61491570006",
            ["Notifications:Twilio:BaseUrl"] = provider.Url.AbsoluteUri,
            ["Notifications:SendGrid:ApiKey"] = "SG.stand-in",
            ["Notifications:SendGrid:From"] = "appointments@clinic.example.test",
            ["Notifications:SendGrid:BaseUrl"] = provider.Url.AbsoluteUri,
            ["Notifications:FirstRetryDelay"] = "00:00:00.100",
            ["Notifications:MaxRetryDelay"] = "00:00:01",
            ["Notifications:MaxAttempts"] = "3",
            ["Notifications:StaffEmail"] = "front-desk@clinic.example.test",
        });
        _ = api.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await api.DisposeAsync();
        await provider.DisposeAsync();
    }

    [Fact]
    public async Task A_booking_texts_a_patient_who_consented_to_sms_only_and_a_reschedule_then_texts_and_emails_once_each()
    {
        var (id, patient, phone, email) = await Patient("sms");
        var doctor = await api.CreateDoctor();
        var day = ClinicCalls.FutureWeekday(2, NodaTime.IsoDayOfWeek.Thursday);

        var booked = await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = id, start = ClinicCalls.At(day, 9, 0) }, Key());
        var appointment = (await booked.Body()).GetProperty("id").GetString()!;
        await Until(() => Deliveries(id).Any(d => d.Status == NotificationDelivery.Sent));

        var sms = Assert.Single(provider.Sms, r => r.Form["To"] == phone);
        Assert.Equal($"/2010-04-01/Accounts/{AccountSid}/Messages.json", sms.Path);
        Assert.Equal("+61491570006", sms.Form["From"]);
        Assert.Contains("is confirmed", sms.Form["Body"], StringComparison.Ordinal);
        Assert.Contains("Dr Test Fixture", sms.Form["Body"], StringComparison.Ordinal);
        Assert.StartsWith("Basic ", sms.Headers["Authorization"], StringComparison.Ordinal);
        Assert.DoesNotContain(provider.Emails, e => e.Body.Contains(email, StringComparison.Ordinal));

        (await patient.PutAsJsonAsync($"/api/v1/patients/{id}/consents/email_reminders", new { granted = true, policyVersion = 1 })).EnsureSuccessStatusCode();
        (await patient.PostIdempotent($"/api/v1/appointments/{appointment}/reschedule", new { start = ClinicCalls.At(day, 10, 0) }, Key())).EnsureSuccessStatusCode();
        await Until(() => Deliveries(id).Count(d => d.Status == NotificationDelivery.Sent) == 3);

        Assert.Equal(2, provider.Sms.Count(r => r.Form["To"] == phone));
        var mail = Assert.Single(provider.Emails, e => e.Body.Contains(email, StringComparison.Ordinal));
        Assert.Equal("Bearer SG.stand-in", mail.Headers["Authorization"]);
        using var json = JsonDocument.Parse(mail.Body);
        var personalization = Assert.Single(json.RootElement.GetProperty("personalizations").EnumerateArray());
        Assert.Equal(email, Assert.Single(personalization.GetProperty("to").EnumerateArray()).GetProperty("email").GetString());
        var subject = personalization.TryGetProperty("subject", out var inner) ? inner : json.RootElement.GetProperty("subject");
        Assert.Equal("Your appointment has moved", subject.GetString());
        Assert.Contains("is now with Dr Test Fixture", json.RootElement.GetProperty("content")[0].GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal("appointments@clinic.example.test", json.RootElement.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal(["confirmation:1:sms", "rescheduled:2:email", "rescheduled:2:sms"],
            Deliveries(id).Select(d => string.Join(':', d.Key.Split(':')[1..])).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_booking_months_ahead_is_confirmed_although_its_reminders_are_further_away_than_orleans_waits_at_once()
    {
        var (id, patient, phone, _) = await Patient("sms");
        var day = ClinicCalls.FutureWeekday(20, NodaTime.IsoDayOfWeek.Monday);
        var booked = await patient.PostIdempotent("/api/v1/appointments", new { doctorId = await api.CreateDoctor(), patientId = id, start = ClinicCalls.At(day, 9, 0) }, Key());
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        await Until(() => Deliveries(id).Any(d => d.Status == NotificationDelivery.Sent));
        Assert.Contains("is confirmed", Assert.Single(provider.Sms, r => r.Form["To"] == phone).Form["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patient_without_consent_gets_nothing_and_one_who_withdrew_gets_nothing_more()
    {
        var (quiet, quietClient, quietPhone, _) = await Patient(null);
        var (loud, loudClient, loudPhone, _) = await Patient("sms");
        var doctor = await api.CreateDoctor();
        var day = ClinicCalls.FutureWeekday(2, NodaTime.IsoDayOfWeek.Friday);

        await quietClient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = quiet, start = ClinicCalls.At(day, 9, 0) }, Key());
        var first = await loudClient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = loud, start = ClinicCalls.At(day, 9, 15) }, Key());
        await Until(() => Deliveries(loud).Count == 1);
        (await loudClient.PutAsJsonAsync($"/api/v1/patients/{loud}/consents/sms_reminders", new { granted = false, policyVersion = 1 })).EnsureSuccessStatusCode();
        var appointment = (await first.Body()).GetProperty("id").GetString()!;
        (await loudClient.PostIdempotent($"/api/v1/appointments/{appointment}/cancel", new { }, Key())).EnsureSuccessStatusCode();
        // A later consented notice to someone else is the barrier: events before it have been handled.
        var (_, barrierClient, _, _) = await Patient("sms", out var barrier);
        await barrierClient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = barrier, start = ClinicCalls.At(day, 9, 30) }, Key());
        await Until(() => Deliveries(barrier).Count == 1);

        Assert.Empty(Deliveries(quiet));
        Assert.DoesNotContain(provider.Sms, r => r.Form["To"] == quietPhone);
        Assert.Single(provider.Sms, r => r.Form["To"] == loudPhone);
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_providers_retry_after_and_a_refusal_becomes_a_dead_letter()
    {
        var (id, patient, phone, _) = await Patient("sms");
        var doctor = await api.CreateDoctor();
        var day = ClinicCalls.FutureWeekday(3, NodaTime.IsoDayOfWeek.Monday);

        provider.FailNext(429, "1");
        await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = id, start = ClinicCalls.At(day, 9, 0) }, Key());
        await Until(() => Deliveries(id).Any(d => d.Status == NotificationDelivery.Sent));
        var sent = Assert.Single(Deliveries(id));
        Assert.Equal(2, sent.Attempts);
        Assert.Equal(2, provider.Sms.Count(r => r.Form["To"] == phone));

        var (refused, refusedClient, _, _) = await Patient("sms");
        provider.FailNext(400);
        await refusedClient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = refused, start = ClinicCalls.At(day, 9, 15) }, Key());
        await Until(() => Deliveries(refused).Any(d => d.Status == NotificationDelivery.DeadLetter));
        var dead = Assert.Single(Deliveries(refused));
        Assert.Equal((1, "twilio 400 20429"), (dead.Attempts, dead.LastError));
        // Staff see it to follow up, and not the one that went out; the patient side sees nothing.
        var letters = await (await (await api.SignIn("staff-desk", "receptionist")).GetAsync("/api/v1/notifications/undelivered")).Body();
        var letter = Assert.Single(letters.EnumerateArray(), l => l.GetProperty("key").GetString() == dead.Key);
        Assert.Equal(
            (refused, "sms", "failed", "twilio 400 20429"),
            (letter.GetProperty("patientId").GetString(), letter.GetProperty("channel").GetString(), letter.GetProperty("reason").GetString(), letter.GetProperty("lastError").GetString()));
        Assert.DoesNotContain(letters.EnumerateArray(), l => l.GetProperty("key").GetString() == sent.Key);
        Assert.Equal(HttpStatusCode.Forbidden, (await refusedClient.GetAsync("/api/v1/notifications/undelivered")).StatusCode);
    }

    [Fact]
    public async Task When_no_colleague_can_take_an_appointment_the_front_desk_is_emailed_once_without_the_patients_details()
    {
        var (id, patient, phone, email) = await Patient("sms");
        var doctor = await api.CreateDoctor(location: "loc-" + Guid.NewGuid().ToString("N")[..8]);
        var day = ClinicCalls.FutureWeekday(3, NodaTime.IsoDayOfWeek.Wednesday);
        var booked = await (await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = id, start = ClinicCalls.At(day, 9, 0) }, Key())).Body();
        var manager = await api.SignIn("staff-manager", "practice_manager");

        var absence = await manager.PostIdempotent($"/api/v1/doctors/{doctor}/unavailability",
            new { from = ClinicCalls.At(day, 0, 0), to = ClinicCalls.At(day.PlusDays(1), 0, 0), kind = "emergency" }, Key());
        Assert.Equal(HttpStatusCode.Accepted, absence.StatusCode);
        await Until(() => Deliveries(id).Any(d => d.Kind == "needs_attention" && d.Status == NotificationDelivery.Sent));

        var alert = Assert.Single(provider.Emails, e => e.Body.Contains("front-desk@clinic.example.test", StringComparison.Ordinal));
        Assert.Contains(booked.GetProperty("id").GetString()!, alert.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, alert.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(email, alert.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Notifiable", alert.Body, StringComparison.Ordinal);
        // The patient hears nothing yet: their appointment has not changed.
        Assert.Single(provider.Sms, r => r.Form["To"] == phone);
    }

    [Fact]
    public async Task A_status_callback_signed_by_twilio_is_recorded_and_a_forged_or_altered_one_is_refused()
    {
        var (id, patient, phone, _) = await Patient("sms");
        var doctor = await api.CreateDoctor();
        await patient.PostIdempotent("/api/v1/appointments", new { doctorId = doctor, patientId = id, start = ClinicCalls.At(ClinicCalls.FutureWeekday(3, NodaTime.IsoDayOfWeek.Tuesday), 9, 0) }, Key());
        await Until(() => Deliveries(id).Any(d => d.Status == NotificationDelivery.Sent));
        Assert.Equal(CallbackUrl, Assert.Single(provider.Sms, r => r.Form["To"] == phone).Form["StatusCallback"]);
        var sid = Assert.Single(Deliveries(id)).ProviderId!;
        var report = new Dictionary<string, string> { ["AccountSid"] = AccountSid, ["MessageSid"] = sid, ["MessageStatus"] = "delivered" };
        var twilio = api.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await Callback(twilio, report, "forged")).StatusCode);
        Assert.Null(Assert.Single(Deliveries(id)).ProviderStatus);
        var altered = new Dictionary<string, string>(report) { ["MessageStatus"] = "failed" };
        Assert.Equal(HttpStatusCode.Forbidden, (await Callback(twilio, altered, Sign(report))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Callback(twilio, report, Sign(report))).StatusCode);
        Assert.Equal("delivered", Assert.Single(Deliveries(id)).ProviderStatus);
        var desk = await api.SignIn("staff-desk", "receptionist");
        Assert.DoesNotContain((await (await desk.GetAsync("/api/v1/notifications/undelivered")).Body()).EnumerateArray(), l => l.GetProperty("patientId").GetString() == id);

        // The carrier later gives up on the text: staff see it among the undelivered, with what Twilio said.
        var undelivered = new Dictionary<string, string>(report) { ["MessageStatus"] = "undelivered", ["ErrorCode"] = "30003" };
        Assert.Equal(HttpStatusCode.NoContent, (await Callback(twilio, undelivered, Sign(undelivered))).StatusCode);
        var listed = Assert.Single((await (await desk.GetAsync("/api/v1/notifications/undelivered")).Body()).EnumerateArray(), l => l.GetProperty("patientId").GetString() == id);
        Assert.Equal(("undelivered", "undelivered"), (listed.GetProperty("reason").GetString(), listed.GetProperty("providerStatus").GetString()));
    }

    /// <summary>Twilio's signature, computed independently: base64 HMAC-SHA1 under the auth token of the URL followed by each parameter's name and value in name order.</summary>
    private static string Sign(IReadOnlyDictionary<string, string> form)
    {
        var data = CallbackUrl + string.Concat(form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + f.Value));
#pragma warning disable CA5350 // Twilio's scheme is HMAC-SHA1; the test must speak it.
        return Convert.ToBase64String(System.Security.Cryptography.HMACSHA1.HashData(System.Text.Encoding.UTF8.GetBytes(AuthToken), System.Text.Encoding.UTF8.GetBytes(data)));
#pragma warning restore CA5350
    }

    private static async Task<HttpResponseMessage> Callback(HttpClient client, IReadOnlyDictionary<string, string> form, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/notifications/twilio/status") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature);
        return await client.SendAsync(request);
    }

    private INotificationLedger Ledger => api.Services.GetRequiredService<INotificationLedger>();

    private IReadOnlyList<NotificationDelivery> Deliveries(string patientId) =>
        Ledger.ForPatientAsync(patientId, TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    private async Task<(string Id, HttpClient Client, string Phone, string Email)> Patient(string? consent) => await Patient(consent, out _);

    private Task<(string Id, HttpClient Client, string Phone, string Email)> Patient(string? consent, out string id)
    {
        id = "p-notify-" + Guid.NewGuid().ToString("N")[..10];
        return Register(id, consent);
    }

    private async Task<(string Id, HttpClient Client, string Phone, string Email)> Register(string id, string? consent)
    {
        var client = await api.SignIn(id, "patient");
        // Numbers in the 0491 570 xxx range ACMA reserves for fiction, one per test patient.
        var phone = "+61491570" + Interlocked.Increment(ref phones).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        var email = $"{id}@example.test";
        (await client.PostIdempotent("/api/v1/patients", new { givenName = "Nora", familyName = "Notifiable", dateOfBirth = "1980-05-05", email, phone }, Key())).EnsureSuccessStatusCode();
        if (consent is not null)
        {
            (await client.PutAsJsonAsync($"/api/v1/patients/{id}/consents/{consent}_reminders", new { granted = true, policyVersion = 1 })).EnsureSuccessStatusCode();
        }

        return (id, client, phone, email);
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !condition(); await Task.Delay(50, TestContext.Current.CancellationToken))
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the notice");
        }
    }

    private static string Key() => "notify-" + Guid.NewGuid();
}
