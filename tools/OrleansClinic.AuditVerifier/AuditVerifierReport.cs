using System.Globalization;

namespace OrleansClinic.AuditVerifier;

/// <summary>What the verifier found in a dump's audit trail: intact up to its head, or where it first breaks and how.</summary>
/// <param name="Intact">True when every entry checked follows, links and hashes correctly and the anchor, if any, matched.</param>
/// <param name="EntriesChecked">How many entries were found intact.</param>
/// <param name="HeadSequence">The last intact entry's sequence (0 for none).</param>
/// <param name="HeadHash">The last intact entry's hash: the value to note as the next anchor.</param>
/// <param name="BrokenAt">The entry where the chain breaks, or null when intact or when an anchor hash was found nowhere.</param>
/// <param name="Problem">What is wrong, or null when intact.</param>
public sealed record AuditVerifierReport(
    bool Intact, long EntriesChecked, long HeadSequence, ReadOnlyMemory<byte> HeadHash, long? BrokenAt, string? Problem)
{
    /// <summary>The entry found to hold the auditor's anchor hash, when one was given and matched.</summary>
    public long? AnchoredAt { get; init; }

    /// <summary>How many anchors were compared with the chain (a failing one included), when any were given with their entry.</summary>
    public long? AnchorsChecked { get; init; }

    /// <summary>The newest entry anchored in the archive store, when its anchors were given (<c>--anchor-dir</c>).</summary>
    public long? NewestAnchor { get; init; }

    /// <summary>The process exit code for this report: 0 intact, 1 broken.</summary>
    public int ExitCode => Intact ? 0 : 1;

    /// <summary>The head hash as lowercase hex, as printed and as <c>--expect-head-hash</c> takes it.</summary>
    public string HeadHashHex => Convert.ToHexStringLower(HeadHash.Span);

    /// <summary>The verdict line: <c>INTACT</c>, or <c>BROKEN at entry N: problem</c>.</summary>
    public string Verdict => (Intact, BrokenAt) switch
    {
        (true, _) => "INTACT",
        (false, { } at) => string.Create(CultureInfo.InvariantCulture, $"BROKEN at entry {at}: {Problem}"),
        (false, null) => $"BROKEN: {Problem}",
    };

    /// <summary>Writes the plain report an auditor reads: counts, head, anchors, then the verdict as the last line.</summary>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"entries checked: {EntriesChecked}"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"head sequence: {HeadSequence}"));
        writer.WriteLine($"head hash: {HeadHashHex}");
        if (AnchoredAt is { } anchored)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"anchor: entry {anchored} has the noted hash"));
        }

        if (NewestAnchor is { } newest)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"anchors checked: {AnchorsChecked ?? 0} (the newest for entry {newest})"));
        }

        writer.WriteLine(Verdict);
    }
}
