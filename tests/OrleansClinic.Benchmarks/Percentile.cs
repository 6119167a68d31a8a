namespace OrleansClinic.Benchmarks;

/// <summary>Percentiles of measured figures, by nearest rank.</summary>
internal static class Percentile
{
    /// <summary>The <paramref name="percentile"/>th of <paramref name="sorted"/> (ascending); 0 is the minimum, 100 the maximum, NaN when empty.</summary>
    public static double Of(IReadOnlyList<double> sorted, double percentile)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
