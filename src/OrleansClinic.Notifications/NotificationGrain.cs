using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;
using NodaTime;
using OrleansClinic.Domain.Appointments;
using OrleansClinic.Domain.Notifications;
using OrleansClinic.Grains.Abstractions.Appointments;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Events;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Grains.Abstractions.Reminders;
using OrleansClinic.Notifications.Channels;
using OrleansClinic.Streaming.Kafka;

namespace OrleansClinic.Notifications;

/// <summary>
/// Tells a patient about their appointments by the channels they consented to. Each notice is claimed in the ledger
/// before any provider call, so however often an event is delivered, a patient gets it at most once per channel.
/// </summary>
[ImplicitStreamSubscription(ClinicEventStreams.PatientAppointmentsTopic)]
public sealed partial class NotificationGrain(
    INotificationLedger ledger,
    IEnumerable<INotificationSender> senders,
    IOptions<NotificationOptions> options,
    IClock clock,
    NotificationMetrics metrics,
    ILogger<NotificationGrain> logger) : Grain, INotificationGrain, IStreamSubscriptionObserver, IRemindable
{
    private const char Separator = '|';
    private const string ReminderPrefix = "remind|";

    // A reminder fires once and unregisters itself; the period only brings it back if a silo died first.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(5);
    private static readonly DetailsAccess Notifier = new("system:notifications", "system", "appointment notice");

    private string PatientId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        await handleFactory.Create<KafkaExternalEvent>().ResumeAsync((e, _) => OnEvent(e));
    }

    /// <summary>
    /// A reminder of one appointment version came due: sent only if the appointment is still booked at that version,
    /// so a reminder of a rescheduled or cancelled appointment never goes out.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        var parts = reminderName.Split(Separator);
        var view = parts.Length == 4 ? await GrainFactory.GetGrain<IAppointmentGrain>(parts[1]).Get() : null;
        if (view is { Status: AppointmentStatus.Booked } && int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var version)
            && view.Version == version
            && NodaTime.Text.PeriodPattern.NormalizingIso.Parse(parts[3]).TryGetValue(Period.Zero, out var before)
            && await GrainFactory.GetGrain<IDoctorGrain>(view.DoctorId).Get() is { } doctor)
        {
            // A reminder further away than Orleans waits in one go fires early: it is moved on, not sent.
            var due = ReminderRules.DueAt(view.Start, DateTimeZoneProviders.Tzdb[doctor.TimeZone], before);
            var now = clock.GetCurrentInstant();
            if (DistantReminders.IsEarly(due, now))
            {
                await this.RegisterOrUpdateReminder(reminderName, DistantReminders.FirstWait(due, now), ReminderPeriod);
                return;
            }

            await Unregister(reminderName);
            await Notify(AppointmentNotice.Reminder(view.Id, view.Version, view.DoctorId, view.Start, before));
            return;
        }

        await Unregister(reminderName);
    }

    private async Task OnEvent(KafkaExternalEvent e)
    {
        using var span = NotificationTracing.StartProcessing(e);
        try
        {
            if (AppointmentNotice.From(e.EventType, e.Json) is { } notice)
            {
                await FollowWithReminders(notice);
                await Notify(notice);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A notice must never stall the patient's stream: what failed is in the ledger or the log for staff.
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            LogFailed(ex, PatientId, e.EventId);
        }
    }

    private async Task Notify(AppointmentNotice notice)
    {
        if (notice.ForStaff)
        {
            await NotifyStaff(notice);
            return;
        }

        var consents = (await GrainFactory.GetGrain<IPatientConsentGrain>(PatientId).History())
            .GroupBy(c => c.Purpose).ToDictionary(g => g.Key, g => g.Last().Granted, StringComparer.Ordinal);
        var channels = senders.Where(s => consents.GetValueOrDefault(NotificationChannel.ConsentPurpose(s.Channel))).ToList();
        if (channels.Count == 0)
        {
            return;
        }

        var details = await GrainFactory.GetGrain<IPatientGrain>(PatientId).ReadDetails(Notifier);
        var doctor = await GrainFactory.GetGrain<IDoctorGrain>(notice.DoctorId).Get();
        if (details is null || doctor is null)
        {
            return;
        }

        var text = notice.Text(doctor.Name, doctor.TimeZone);
        foreach (var sender in channels)
        {
            var to = sender.Channel == NotificationChannel.Sms ? details.Phone : details.Email;
            if (to is null || !await ledger.TryClaimAsync(notice.Key(sender.Channel), PatientId, sender.Channel, notice.Kind))
            {
                continue;
            }

            await Deliver(sender, notice.Key(sender.Channel), to, notice.Subject, text);
        }
    }

    /// <summary>
    /// Replaces the appointment's reminders with those of this version (none once it is cancelled): a reminder belongs to
    /// one version, so a reschedule's new times replace the old ones.
    /// </summary>
    private async Task FollowWithReminders(AppointmentNotice notice)
    {
        var mine = ReminderPrefix + notice.AppointmentId + Separator;
        var current = $"{mine}{notice.Version}{Separator}";
        foreach (var old in (await this.GetReminders()).Where(r => r.ReminderName.StartsWith(mine, StringComparison.Ordinal) && !r.ReminderName.StartsWith(current, StringComparison.Ordinal)))
        {
            await this.UnregisterReminder(old);
        }

        if (!notice.KeepsAppointment || await GrainFactory.GetGrain<IDoctorGrain>(notice.DoctorId).Get() is not { } doctor)
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        foreach (var (before, due) in ReminderRules.Upcoming(notice.Start, DateTimeZoneProviders.Tzdb[doctor.TimeZone], options.Value.ReminderPeriods, now))
        {
            await this.RegisterOrUpdateReminder(current + NodaTime.Text.PeriodPattern.NormalizingIso.Format(before), DistantReminders.FirstWait(due, now), ReminderPeriod);
        }
    }

    private async Task Unregister(string reminderName)
    {
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Tells the front desk by email; the text names the appointment and doctor, never the patient.</summary>
    private async Task NotifyStaff(AppointmentNotice notice)
    {
        var email = senders.FirstOrDefault(s => s.Channel == NotificationChannel.Email);
        var doctor = await GrainFactory.GetGrain<IDoctorGrain>(notice.DoctorId).Get();
        if (options.Value.StaffEmail is not { Length: > 0 } staff || email is null || doctor is null)
        {
            return;
        }

        var key = notice.Key("staff");
        if (await ledger.TryClaimAsync(key, PatientId, NotificationChannel.Email, notice.Kind))
        {
            await Deliver(email, key, staff, notice.Subject, notice.Text(doctor.Name, doctor.TimeZone));
        }
    }

    /// <summary>Sends with retries on throttling and server errors, honouring Retry-After; dead-letters what never goes.</summary>
    private async Task Deliver(INotificationSender sender, string key, string to, string subject, string text)
    {
        var settings = options.Value;
        var delay = settings.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await sender.SendAsync(to, subject, text, CancellationToken.None);
            await ledger.RecordAttemptAsync(key, outcome.Status == SendStatus.Sent ? outcome.ProviderId ?? "accepted" : null, outcome.Error);
            if (outcome.Status == SendStatus.Sent)
            {
                metrics.Sent(sender.Channel);
                LogSent(sender.Channel, key);
                return;
            }

            var gaveUp = outcome.Status == SendStatus.Permanent || attempt >= settings.MaxAttempts;
            metrics.Failed(sender.Channel, gaveUp);
            if (gaveUp)
            {
                await ledger.DeadLetterAsync(key, outcome.Error ?? "refused");
                LogDeadLetter(sender.Channel, key, attempt);
                return;
            }

            var wait = outcome.RetryAfter is { } asked && asked > TimeSpan.Zero ? asked : delay;
            await Task.Delay(wait < settings.MaxRetryDelay ? wait : settings.MaxRetryDelay);
            delay += delay;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Channel} notice {Key}")]
    private partial void LogSent(string channel, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on {Channel} notice {Key} after {Attempts} attempts; it is a dead letter for staff")]
    private partial void LogDeadLetter(string channel, string key, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notices for patient {PatientId} from event {EventId} failed")]
    private partial void LogFailed(Exception exception, string patientId, string eventId);
}
