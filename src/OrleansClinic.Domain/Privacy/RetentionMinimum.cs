namespace OrleansClinic.Domain.Privacy;

/// <summary>
/// The shortest retention a practice in the state or territory <paramref name="StateCode"/> may keep records for, and
/// where that comes from (<paramref name="Source"/>: the statute, or the professional guidance where there is none).
/// </summary>
/// <param name="StateCode">The state or territory: NSW, VIC, QLD, WA, SA, TAS, ACT or NT.</param>
/// <param name="Rule">The minimum rule.</param>
/// <param name="Source">The law or guidance that sets it, for messages and admin screens.</param>
public sealed record RetentionMinimum(string StateCode, RetentionRule Rule, string Source);
