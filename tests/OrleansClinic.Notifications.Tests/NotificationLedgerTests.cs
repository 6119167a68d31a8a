using Npgsql;
using NodaTime;
using OrleansClinic.Persistence.Postgres;
using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Notifications.Tests;

/// <summary>The dedupe ledger, on PostgreSQL and in memory: a key is claimed once, attempts and dead letters are kept.</summary>
public sealed class NotificationLedgerTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Ledgers() => ["postgres", "memory"];

    [Theory]
    [MemberData(nameof(Ledgers))]
    public async Task A_key_is_claimed_once_however_often_or_concurrently_it_is_asked_for(string kind)
    {
        await using var dataSource = await Database(kind);
        var ledger = Ledger(kind, dataSource);

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => ledger.TryClaimAsync("a-1:confirmation:1:sms", "p-1", "sms", "confirmation", Cancel), Cancel)));

        Assert.Single(claims, c => c);
        var row = Assert.Single(await ledger.ForPatientAsync("p-1", Cancel));
        Assert.Equal((NotificationDelivery.Claimed, 0, "sms", "confirmation"), (row.Status, row.Attempts, row.Channel, row.Kind));
        Assert.True(await ledger.TryClaimAsync("a-1:confirmation:1:email", "p-1", "email", "confirmation", Cancel));
        Assert.True(await ledger.TryClaimAsync("a-1:rescheduled:2:sms", "p-1", "sms", "rescheduled", Cancel));
    }

    [Theory]
    [MemberData(nameof(Ledgers))]
    public async Task Attempts_are_counted_a_sent_notice_keeps_its_provider_id_and_a_dead_letter_is_listed(string kind)
    {
        await using var dataSource = await Database(kind);
        var ledger = Ledger(kind, dataSource);
        await ledger.TryClaimAsync("a-1:confirmation:1:sms", "p-1", "sms", "confirmation", Cancel);
        await ledger.TryClaimAsync("a-2:confirmation:1:sms", "p-2", "sms", "confirmation", Cancel);

        await ledger.RecordAttemptAsync("a-1:confirmation:1:sms", null, "twilio 429 20429", Cancel);
        await ledger.RecordAttemptAsync("a-1:confirmation:1:sms", "SM123", null, Cancel);
        await ledger.RecordAttemptAsync("a-2:confirmation:1:sms", null, "twilio 400 21211", Cancel);
        await ledger.DeadLetterAsync("a-2:confirmation:1:sms", "twilio 400 21211", Cancel);

        var sent = Assert.Single(await ledger.ForPatientAsync("p-1", Cancel));
        Assert.Equal((NotificationDelivery.Sent, 2, "SM123", (string?)null), (sent.Status, sent.Attempts, sent.ProviderId, sent.LastError));
        var dead = Assert.Single(await ledger.UndeliveredAsync(Instant.FromUtc(2000, 1, 1, 0, 0), Cancel));
        Assert.Equal(("a-2:confirmation:1:sms", "twilio 400 21211", 1, "failed"), (dead.Key, dead.LastError, dead.Attempts, dead.UndeliveredReason));
    }

    [Theory]
    [MemberData(nameof(Ledgers))]
    public async Task Staff_see_dead_letters_texts_the_provider_could_not_hand_over_and_claims_left_unanswered_but_not_what_went_out(string kind)
    {
        await using var dataSource = await Database(kind);
        var ledger = Ledger(kind, dataSource);
        foreach (var key in new[] { "a-1:confirmation:1:sms", "a-2:confirmation:1:sms", "a-3:confirmation:1:sms", "a-4:confirmation:1:sms" })
        {
            await ledger.TryClaimAsync(key, "p-" + key[2], "sms", "confirmation", Cancel);
        }

        await ledger.RecordAttemptAsync("a-1:confirmation:1:sms", "SM1", null, Cancel);
        await ledger.RecordAttemptAsync("a-2:confirmation:1:sms", "SM2", null, Cancel);
        await ledger.RecordProviderStatusAsync("SM1", "delivered", null, Cancel);
        await ledger.RecordProviderStatusAsync("SM2", "undelivered", "30003", Cancel);
        await ledger.DeadLetterAsync("a-3:confirmation:1:sms", "twilio 400 21211", Cancel);
        // a-4 stays claimed: a silo that died mid-send.

        var recentClaimsHidden = await ledger.UndeliveredAsync(Instant.FromUtc(2000, 1, 1, 0, 0), Cancel);
        Assert.Equal(["a-2:confirmation:1:sms", "a-3:confirmation:1:sms"], recentClaimsHidden.Select(d => d.Key).Order(StringComparer.Ordinal));
        var all = await ledger.UndeliveredAsync(SystemClock.Instance.GetCurrentInstant() + Duration.FromMinutes(1), Cancel);
        Assert.Equal(
            [("a-2:confirmation:1:sms", "undelivered"), ("a-3:confirmation:1:sms", "failed"), ("a-4:confirmation:1:sms", "unconfirmed")],
            all.Select(d => (d.Key, d.UndeliveredReason!)).OrderBy(d => d.Key, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ledgers))]
    public async Task A_providers_later_report_lands_on_the_delivery_it_accepted_and_an_unknown_id_is_said_to_be_unknown(string kind)
    {
        await using var dataSource = await Database(kind);
        var ledger = Ledger(kind, dataSource);
        await ledger.TryClaimAsync("a-1:confirmation:1:sms", "p-1", "sms", "confirmation", Cancel);
        await ledger.RecordAttemptAsync("a-1:confirmation:1:sms", "SM123", null, Cancel);

        Assert.True(await ledger.RecordProviderStatusAsync("SM123", "undelivered", "30003", Cancel));
        Assert.False(await ledger.RecordProviderStatusAsync("SM999", "delivered", null, Cancel));

        var row = Assert.Single(await ledger.ForPatientAsync("p-1", Cancel));
        Assert.Equal(("undelivered", "provider error 30003", NotificationDelivery.Sent), (row.ProviderStatus, row.LastError, row.Status));
    }

    private async Task<NpgsqlDataSource> Database(string kind)
    {
        var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("ledger_" + kind));
        if (kind == "postgres")
        {
            await new ClinicMigrator(dataSource).MigrateAsync(Cancel);
        }

        return dataSource;
    }

    private static INotificationLedger Ledger(string kind, NpgsqlDataSource dataSource) =>
        kind == "postgres" ? new PostgresNotificationLedger(dataSource) : new InMemoryNotificationLedger(SystemClock.Instance);
}
