using OrleansClinic.Testing.Postgres;

namespace OrleansClinic.Outbox.Tests;

public sealed class ProcessedEventsTests(PostgresServer postgres)
{
    [Fact]
    public async Task The_first_mark_wins_and_a_duplicate_returns_false_per_consumer()
    {
        await using var db = await OutboxDatabase.CreateAsync(postgres, "processed");
        var processed = new ProcessedEvents(db.DataSource);
        var id = Guid.NewGuid();

        Assert.True(await processed.TryMarkProcessedAsync("notifications", id));
        Assert.False(await processed.TryMarkProcessedAsync("notifications", id));
        Assert.True(await processed.TryMarkProcessedAsync("projections", id));
    }

    [Fact]
    public async Task A_mark_in_a_rolled_back_transaction_leaves_the_event_unprocessed()
    {
        await using var db = await OutboxDatabase.CreateAsync(postgres, "processed_tx");
        var processed = new ProcessedEvents(db.DataSource);
        var id = Guid.NewGuid();

        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            Assert.True(await processed.TryMarkProcessedAsync("notifications", id, transaction));
            Assert.False(await processed.TryMarkProcessedAsync("notifications", id, transaction));
            await transaction.RollbackAsync();
        }

        Assert.True(await processed.TryMarkProcessedAsync("notifications", id));
    }
}
