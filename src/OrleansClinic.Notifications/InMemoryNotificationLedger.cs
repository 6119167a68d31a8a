using NodaTime;

namespace OrleansClinic.Notifications;

/// <summary>The embedded clinic's ledger: in process memory, gone with it like the rest of its state.</summary>
public sealed class InMemoryNotificationLedger(IClock clock) : INotificationLedger
{
    private readonly Lock sync = new();
    private readonly List<NotificationDelivery> rows = [];

    /// <inheritdoc />
    public Task<bool> TryClaimAsync(string key, string patientId, string channel, string kind, CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            if (rows.Any(r => r.Key == key))
            {
                return Task.FromResult(false);
            }

            rows.Add(new NotificationDelivery(key, patientId, channel, kind, NotificationDelivery.Claimed, 0, null, null, clock.GetCurrentInstant()));
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task RecordAttemptAsync(string key, string? providerId, string? error, CancellationToken cancellationToken = default) =>
        Update(key, r => r with
        {
            Attempts = r.Attempts + 1,
            Status = providerId is null ? r.Status : NotificationDelivery.Sent,
            ProviderId = providerId ?? r.ProviderId,
            LastError = error,
        });

    /// <inheritdoc />
    public Task DeadLetterAsync(string key, string error, CancellationToken cancellationToken = default) =>
        Update(key, r => r with { Status = NotificationDelivery.DeadLetter, LastError = error });

    /// <inheritdoc />
    public Task<bool> RecordProviderStatusAsync(string providerId, string status, string? errorCode, CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            var index = rows.FindIndex(r => r.ProviderId == providerId);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            rows[index] = rows[index] with
            {
                ProviderStatus = status,
                LastError = errorCode is null ? rows[index].LastError : $"provider error {errorCode}",
                UpdatedAt = clock.GetCurrentInstant(),
            };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<NotificationDelivery>> ForPatientAsync(string patientId, CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            return Task.FromResult<IReadOnlyList<NotificationDelivery>>([.. rows.Where(r => r.PatientId == patientId)]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<NotificationDelivery>> UndeliveredAsync(Instant unconfirmedBefore, CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            return Task.FromResult<IReadOnlyList<NotificationDelivery>>([.. rows.Where(r =>
                r.UndeliveredReason is not null && (r.Status != NotificationDelivery.Claimed || r.UpdatedAt < unconfirmedBefore))]);
        }
    }

    private Task Update(string key, Func<NotificationDelivery, NotificationDelivery> change)
    {
        lock (sync)
        {
            var index = rows.FindIndex(r => r.Key == key);
            if (index >= 0)
            {
                rows[index] = change(rows[index]) with { UpdatedAt = clock.GetCurrentInstant() };
            }
        }

        return Task.CompletedTask;
    }
}
