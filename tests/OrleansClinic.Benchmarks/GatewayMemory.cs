namespace OrleansClinic.Benchmarks;

/// <summary>
/// The gateway process's memory at one moment: its resident set, and from its Prometheus scrape the managed heap and
/// the GC's committed memory after the last collection and the SSE connections it counts open; NaN when not exposed.
/// </summary>
internal sealed record GatewayMemory(long ResidentBytes, double HeapBytes, double CommittedBytes, double LiveConnections)
{
    /// <summary>Reads <paramref name="gateway"/>'s memory now.</summary>
    public static async Task<GatewayMemory> Read(GatewayProcess gateway, HttpClient scrape) => new(
        gateway.ResidentBytes(),
        await gateway.Metric(scrape, "dotnet_gc_last_collection_heap_size_bytes"),
        await gateway.Metric(scrape, "dotnet_gc_last_collection_memory_committed_size_bytes"),
        await gateway.Metric(scrape, "clinic_live_connections"));
}
