namespace OrleansClinic.Domain.Reassignment;

/// <summary>Which free doctor takes over an appointment: one the patient knows, else the least loaded that day.</summary>
public static class ReplacementRules
{
    /// <summary>
    /// The candidates in the order to try them: seen before first, then fewest appointments that day, then by id so
    /// that two runs over the same facts choose alike.
    /// </summary>
    public static IReadOnlyList<ReplacementCandidate> Rank(IEnumerable<ReplacementCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return [.. candidates
            .DistinctBy(c => c.DoctorId, StringComparer.Ordinal)
            .OrderByDescending(c => c.SeenBefore)
            .ThenBy(c => c.Load)
            .ThenBy(c => c.DoctorId, StringComparer.Ordinal)];
    }
}
