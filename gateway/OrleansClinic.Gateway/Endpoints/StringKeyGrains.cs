using Orleans.Runtime;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>
/// References to string-keyed grains of one interface without Orleans' per-call interface lookup: <c>GetGrain</c> reads
/// the interface's attributes by reflection on every call, which was 8 % of a search's CPU when it asks thousands of
/// schedule days (docs/performance.md). The grain and interface types are taken once from an ordinary reference.
/// </summary>
/// <typeparam name="TGrain">The grain interface.</typeparam>
internal static class StringKeyGrains<TGrain>
    where TGrain : IGrainWithStringKey
{
    // Every host of a process has the same type map, so a benign race at most resolves the same pair twice.
    private static (GrainType Grain, GrainInterfaceType Interface)? types;

    /// <summary>The grain of <typeparamref name="TGrain"/> with key <paramref name="key"/>, as <c>GetGrain</c> would give it.</summary>
    public static TGrain Get(IGrainFactory grains, string key)
    {
        if (types is not { } known)
        {
            var reference = (GrainReference)(object)grains.GetGrain<TGrain>(key);
            types = (reference.GrainId.Type, reference.InterfaceType);
            return (TGrain)(object)reference;
        }

        return (TGrain)grains.GetGrain(GrainId.Create(known.Grain, key), known.Interface);
    }
}
