namespace OrleansClinic.Notifications.Tests;

/// <summary>Which events become notices, their dedupe keys, and the text a patient reads.</summary>
public sealed class AppointmentNoticeTests
{
    private const string Envelope = """{"eventId":"e-1","eventType":"appointment.rescheduled","entityKey":"a-1","payload":{"appointmentId":"a-1","doctorId":"d-1","patientId":"p-1","start":"2026-04-05T00:30:00Z","status":"booked","version":3}}""";

    [Theory]
    [InlineData("appointment.booked", "confirmation")]
    [InlineData("appointment.rescheduled", "rescheduled")]
    [InlineData("appointment.cancelled", "cancelled")]
    [InlineData("appointment.reassigned", "reassigned")]
    public void Appointment_changes_become_notices_keyed_by_appointment_kind_version_and_channel(string type, string kind)
    {
        var notice = AppointmentNotice.From(type, Envelope)!;
        Assert.Equal(kind, notice.Kind);
        Assert.Equal($"a-1:{kind}:3:sms", notice.Key("sms"));
    }

    [Theory]
    [InlineData("appointment.checked_in")]
    [InlineData("appointment.completed")]
    [InlineData("slot.booked")]
    public void Other_events_tell_the_patient_nothing(string type) => Assert.Null(AppointmentNotice.From(type, Envelope));

    [Fact]
    public void An_appointment_needing_attention_is_a_notice_for_staff_naming_the_appointment_not_the_patient()
    {
        var notice = AppointmentNotice.From("appointment.needs_attention", Envelope)!;
        Assert.True(notice.ForStaff);
        Assert.False(notice.KeepsAppointment);
        Assert.Equal("a-1:needs_attention:3:staff", notice.Key("staff"));
        var text = notice.Text("Dr Test Fixture", "Australia/Sydney");
        Assert.StartsWith("Appointment a-1 with Dr Test Fixture on Sunday 5 April 2026 at 10:30 AM needs attention", text, StringComparison.Ordinal);
        Assert.DoesNotContain("p-1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_time_is_the_doctors_local_time_across_the_end_of_daylight_saving()
    {
        // 00:30 UTC on 5 April 2026 is 10:30 in Sydney, the morning daylight saving ends (clocks went back at 03:00).
        var notice = AppointmentNotice.From("appointment.booked", Envelope)!;
        Assert.Equal("Your appointment with Dr Test Fixture on Sunday 5 April 2026 at 10:30 AM is confirmed.", notice.Text("Dr Test Fixture", "Australia/Sydney"));
        Assert.Equal("Your appointment with Dr Test Fixture on Sunday 5 April 2026 at 10:00 AM is confirmed.", notice.Text("Dr Test Fixture", "Australia/Adelaide"));
    }

    [Fact]
    public void A_reassignment_notice_says_the_time_is_kept_and_names_the_new_doctor_only() =>
        Assert.Equal(
            "Your doctor is unavailable, so your appointment on Sunday 5 April 2026 at 10:30 AM is now with Dr New Fixture, at the same time.",
            AppointmentNotice.From("appointment.reassigned", Envelope)!.Text("Dr New Fixture", "Australia/Sydney"));

    [Fact]
    public void A_reminder_is_keyed_by_its_period_and_version_and_says_when()
    {
        var reminder = AppointmentNotice.Reminder("a-1", 3, "d-1", NodaTime.Instant.FromUtc(2026, 4, 5, 0, 30), NodaTime.Period.FromDays(1));
        Assert.Equal("a-1:reminder-P1D:3:sms", reminder.Key("sms"));
        Assert.Equal("Appointment reminder", reminder.Subject);
        Assert.Equal("Reminder: your appointment with Dr Test Fixture is on Sunday 5 April 2026 at 10:30 AM.", reminder.Text("Dr Test Fixture", "Australia/Sydney"));
        Assert.False(reminder.KeepsAppointment);
    }
}
