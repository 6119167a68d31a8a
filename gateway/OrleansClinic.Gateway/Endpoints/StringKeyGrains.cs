using Orleans.Runtime;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>
/// References to string-keyed grains without Orleans' per-call interface lookup: <c>GetGrain</c> reads the interface's
/// attributes by reflection on every call, which was 8 % of a search's CPU when it asks thousands of schedule days
/// (docs/performance.md). The grain and interface types are taken once per interface from an ordinary reference.
/// </summary>
public static class StringKeyGrains
{
    /// <summary>The grain of <typeparamref name="TGrain"/> with key <paramref name="key"/>, as <c>GetGrain</c> would give it.</summary>
    public static TGrain Get<TGrain>(IGrainFactory grains, string key)
        where TGrain : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (Types<TGrain>.Known is not { } known)
        {
            var reference = (GrainReference)(object)grains.GetGrain<TGrain>(key);
            Types<TGrain>.Known = (reference.GrainId.Type, reference.InterfaceType);
            return (TGrain)(object)reference;
        }

        return (TGrain)grains.GetGrain(GrainId.Create(known.Grain, key), known.Interface);
    }

    // Every host of a process has the same type map, so a benign race at most resolves the same pair twice.
    private static class Types<TGrain>
    {
        public static (GrainType Grain, GrainInterfaceType Interface)? Known { get; set; }
    }
}
