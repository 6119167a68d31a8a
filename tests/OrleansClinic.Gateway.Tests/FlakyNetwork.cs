namespace OrleansClinic.Gateway.Tests;

/// <summary>
/// Loses a share of requests before they reach the server and a share of responses after the server acted, as a bad
/// network does; a client that retries with the same Idempotency-Key must still end with one effect per request.
/// </summary>
public sealed class FlakyNetwork(double lostRequests, double lostResponses, int seed) : DelegatingHandler
{
    private readonly Random random = new(seed);
    private readonly Lock gate = new();
    private int injected;

    /// <summary>How many failures were injected.</summary>
    public int Injected => Volatile.Read(ref injected);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Roll(lostRequests))
        {
            Interlocked.Increment(ref injected);
            throw new HttpRequestException("Injected: the request was lost before reaching the server.");
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (Roll(lostResponses))
        {
            response.Dispose();
            Interlocked.Increment(ref injected);
            throw new HttpRequestException("Injected: the server answered but the response was lost.");
        }

        return response;
    }

    private bool Roll(double chance)
    {
        lock (gate)
        {
            return random.NextDouble() < chance;
        }
    }
}
