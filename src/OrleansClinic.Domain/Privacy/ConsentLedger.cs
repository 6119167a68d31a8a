namespace OrleansClinic.Domain.Privacy;

/// <summary>
/// A patient's consents: an append-only history of grants and withdrawals, and the current state per purpose that
/// notifications and integrations consult. No consent recorded means no consent.
/// </summary>
public sealed class ConsentLedger
{
    private readonly List<ConsentRecord> history;

    /// <summary>A ledger over an existing history (oldest first).</summary>
    public ConsentLedger(IEnumerable<ConsentRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        this.history = [.. history];
    }

    /// <summary>Every record, oldest first.</summary>
    public IReadOnlyList<ConsentRecord> History => history;

    /// <summary>The latest record of <paramref name="purpose"/>, or null when the patient never decided.</summary>
    public ConsentRecord? Latest(ConsentPurpose purpose) => history.LastOrDefault(r => r.Purpose == purpose);

    /// <summary>True when the patient's latest decision on <paramref name="purpose"/> is a grant.</summary>
    public bool Allows(ConsentPurpose purpose) => Latest(purpose)?.Granted == true;

    /// <summary>
    /// Appends <paramref name="record"/> unless it repeats the latest decision under the same policy version (a retried
    /// request); a repeated decision under a newer policy is recorded, since the patient accepted different terms.
    /// </summary>
    /// <returns>True when appended.</returns>
    public bool Record(ConsentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Latest(record.Purpose) is { } latest && latest.Granted == record.Granted && latest.PolicyVersion == record.PolicyVersion)
        {
            return false;
        }

        history.Add(record);
        return true;
    }
}
