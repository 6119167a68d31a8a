using OrleansClinic.Grains.Abstractions.Idempotency;

namespace OrleansClinic.Grains.Tests;

public sealed class IdempotencyKeyGrainTests(MemoryCluster cluster)
{
    private IIdempotencyKeyGrain NewKey() => cluster.Grains.GetGrain<IIdempotencyKeyGrain>("caller|" + Guid.NewGuid());

    [Fact]
    public async Task The_first_claim_proceeds_and_a_second_while_it_runs_is_in_flight()
    {
        var key = NewKey();
        var first = await key.Claim("hash-a");
        var second = await key.Claim("hash-a");

        Assert.Equal(IdempotencyOutcome.Proceed, first.Outcome);
        Assert.Equal(IdempotencyOutcome.InFlight, second.Outcome);
        Assert.Equal(first.OperationId, second.OperationId);
    }

    [Fact]
    public async Task A_completed_key_replays_its_response_and_refuses_another_request()
    {
        var key = NewKey();
        await key.Claim("hash-a");
        var response = new StoredResponse(201, "application/json", "{\"id\":\"a-1\"}", "/api/v1/appointments/a-1");
        await key.Complete(response);

        var replay = await key.Claim("hash-a");
        var other = await key.Claim("hash-b");

        Assert.Equal(IdempotencyOutcome.Replay, replay.Outcome);
        Assert.Equal(response, replay.Response);
        Assert.Equal(IdempotencyOutcome.Mismatch, other.Outcome);
        Assert.Null(other.Response);
    }

    [Fact]
    public async Task An_abandoned_attempt_may_be_retried_under_the_same_operation_id()
    {
        var key = NewKey();
        var first = await key.Claim("hash-a");
        await key.Abandon();

        var retry = await key.Claim("hash-a");

        Assert.Equal(IdempotencyOutcome.Proceed, retry.Outcome);
        Assert.Equal(first.OperationId, retry.OperationId);
        Assert.Equal(IdempotencyOutcome.Mismatch, (await key.Claim("hash-b")).Outcome);
    }

    [Fact]
    public async Task A_claim_lost_with_its_activation_lets_the_retry_proceed_under_the_same_operation_id_and_writes_nothing()
    {
        var key = NewKey();
        var first = await key.Claim("hash-a");

        // As when the key's silo dies mid-request: the claim was never written, so a new activation knows nothing of it.
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var retry = await key.Claim("hash-a");

        Assert.Equal(IdempotencyOutcome.Proceed, retry.Outcome);
        Assert.Equal(first.OperationId, retry.OperationId);
        Assert.Matches("^[0-9a-f]{32}$", first.OperationId);
        Assert.NotEqual(first.OperationId, (await NewKey().Claim("hash-a")).OperationId);
    }
}
