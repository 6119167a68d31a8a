namespace OrleansClinic.Streaming.Kafka.Tests;

internal static class Eventually
{
    /// <summary>Polls the recorder grain until it holds at least <paramref name="count"/> events, or times out.</summary>
    public static async Task<List<object>> Received(IStreamRecorderGrain grain, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var received = await grain.GetReceived();
            if (received.Count >= count || DateTime.UtcNow > deadline)
            {
                return received;
            }

            await Task.Delay(100);
        }
    }
}
