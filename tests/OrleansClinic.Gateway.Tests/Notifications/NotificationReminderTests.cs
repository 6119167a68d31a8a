using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using OrleansClinic.Notifications;

namespace OrleansClinic.Gateway.Tests.Notifications;

/// <summary>
/// A reminder fires once for the booked appointment and never for a cancelled one. The clinic is configured with a
/// reminder period that makes the reminder due 45 seconds after start-up, so the real Orleans reminder path runs.
/// </summary>
public sealed class NotificationReminderTests : IAsyncLifetime
{
    private static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];
    private readonly ProviderFake provider = new();
    private ClinicGatewayHost api = null!;
    private Instant start;

    public ValueTask InitializeAsync()
    {
        // The next 5-minute slot at least 3 minutes away, before 23:50 local (the doctors' day ends at 23:55).
        var now = SystemClock.Instance.GetCurrentInstant();
        var grid = Duration.FromMinutes(5).BclCompatibleTicks;
        start = Instant.FromUnixTimeTicks(((now + Duration.FromMinutes(3)).ToUnixTimeTicks() / grid + 1) * grid);
        while (start.InZone(Sydney).TimeOfDay >= new LocalTime(23, 50))
        {
            start += Duration.FromMinutes(5);
        }

        var before = Period.FromSeconds((long)(start - (now + Duration.FromSeconds(45))).TotalSeconds);
        api = new ClinicGatewayHost(new Dictionary<string, string?>
        {
            ["Notifications:Twilio:AccountSid"] = "AC00000000000000000000000000000002",
            ["Notifications:Twilio:AuthToken"] = "stand-in-token",
            ["Notifications:Twilio:From"] = "+61491570006",
            ["Notifications:Twilio:BaseUrl"] = provider.Url.AbsoluteUri,
            ["Notifications:Reminders"] = PeriodPattern.NormalizingIso.Format(before),
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
    public async Task The_booked_appointments_reminder_fires_once_and_the_cancelled_ones_never()
    {
        var manager = await api.SignIn("staff-manager", "practice_manager");
        var (kept, cancelled) = (await AllDayDoctor(manager), await AllDayDoctor(manager));
        var (keptPatient, keptPhone) = await Patient("p-remind-kept", "+61491570313");
        var (cancelledPatient, cancelledPhone) = await Patient("p-remind-cancelled", "+61491570737");
        var at = start.ToString();
        (await keptPatient.PostIdempotent("/api/v1/appointments", new { doctorId = kept, patientId = "p-remind-kept", start = at }, "k-" + Guid.NewGuid())).EnsureSuccessStatusCode();
        var doomed = await (await cancelledPatient.PostIdempotent("/api/v1/appointments", new { doctorId = cancelled, patientId = "p-remind-cancelled", start = at }, "k-" + Guid.NewGuid())).Body();
        (await cancelledPatient.PostIdempotent($"/api/v1/appointments/{doomed.GetProperty("id").GetString()}/cancel", new { }, "k-" + Guid.NewGuid())).EnsureSuccessStatusCode();

        var ledger = api.Services.GetRequiredService<INotificationLedger>();
        for (var deadline = DateTime.UtcNow.AddMinutes(3); !(await ledger.ForPatientAsync("p-remind-kept", TestContext.Current.CancellationToken)).Any(IsSentReminder); await Task.Delay(200, TestContext.Current.CancellationToken))
        {
            Assert.True(DateTime.UtcNow < deadline, "the reminder never fired");
        }

        // Both reminders were due at the same moment: give the cancelled one's every chance to (wrongly) go.
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var reminder = Assert.Single(provider.Sms, r => r.Form["To"] == keptPhone && r.Form["Body"].StartsWith("Reminder:", StringComparison.Ordinal));
        Assert.Contains("Dr Test Fixture", reminder.Form["Body"], StringComparison.Ordinal);
        Assert.Single(await ledger.ForPatientAsync("p-remind-kept", TestContext.Current.CancellationToken), d => d.Kind.StartsWith(AppointmentNotice.ReminderKind, StringComparison.Ordinal));
        Assert.DoesNotContain(provider.Sms, r => r.Form["To"] == cancelledPhone && r.Form["Body"].StartsWith("Reminder:", StringComparison.Ordinal));
        Assert.DoesNotContain(await ledger.ForPatientAsync("p-remind-cancelled", TestContext.Current.CancellationToken), d => d.Kind.StartsWith(AppointmentNotice.ReminderKind, StringComparison.Ordinal));
    }

    private static bool IsSentReminder(NotificationDelivery delivery) =>
        delivery.Kind.StartsWith(AppointmentNotice.ReminderKind, StringComparison.Ordinal) && delivery.Status == NotificationDelivery.Sent;

    private static async Task<string> AllDayDoctor(HttpClient manager)
    {
        var days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
        var response = await manager.PostAsJsonAsync("/api/v1/doctors", new
        {
            name = "Dr Test Fixture",
            specialty = "general_practice",
            locationId = "loc-" + Guid.NewGuid().ToString("N")[..8],
            timeZone = "Australia/Sydney",
            slotMinutes = 5,
            availability = new { weekly = days.Select(d => new { day = d, start = "00:00", end = "23:55" }), exceptions = Array.Empty<object>() },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Body()).GetProperty("id").GetString()!;
    }

    private async Task<(HttpClient Client, string Phone)> Patient(string id, string phone)
    {
        var client = await api.SignIn(id, "patient");
        (await client.PostIdempotent("/api/v1/patients", new { givenName = "Rema", familyName = "Reminded", dateOfBirth = "1975-03-03", phone }, "k-" + Guid.NewGuid())).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/api/v1/patients/{id}/consents/sms_reminders", new { granted = true, policyVersion = 1 })).EnsureSuccessStatusCode();
        return (client, phone);
    }
}
