using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansClinic.Domain.Audit;

/// <summary>
/// A hash of the chain kept outside the database, and the entry it was taken at, that the chain must still pass through:
/// noted by an auditor, or written by the silos to the archive store as <c>{"sequence":N,"hash":"…"}</c>.
/// </summary>
/// <param name="Hash">The noted hash (32 bytes).</param>
/// <param name="Sequence">The entry it was noted at, or null to accept it at whichever entry has it (an auditor's note without one).</param>
public sealed record AuditAnchor(ReadOnlyMemory<byte> Hash, long? Sequence)
{
    /// <summary>How a stored anchor's file name ends.</summary>
    public const string FileSuffix = ".json";

    /// <summary>The anchor of <paramref name="entry"/>: its sequence and hash.</summary>
    public static AuditAnchor Of(SealedAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditAnchor(entry.Hash, entry.Sequence);
    }

    /// <summary>The file name of the anchor of entry <paramref name="sequence"/>: the sequence in 20 digits, so names sort as sequences do.</summary>
    public static string FileNameOf(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{sequence:D20}{FileSuffix}");
    }

    /// <summary>The sequence a file named as <see cref="FileNameOf"/> names it, or null for any other name.</summary>
    public static long? SequenceOfFileName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length == 20 + FileSuffix.Length && name.EndsWith(FileSuffix, StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0
            ? sequence
            : null;
    }

    /// <summary>
    /// The anchor as stored: <c>{"sequence":N,"hash":"64 lowercase hex digits"}</c>, the same bytes for the same
    /// anchor, so silos storing one head at once find their bytes already stored.
    /// </summary>
    public byte[] ToJson()
    {
        var sequence = Sequence ?? throw new InvalidOperationException("Only an anchor noted at an entry is stored.");
        return Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture, $$"""{"sequence":{{sequence}},"hash":"{{Convert.ToHexStringLower(Hash.Span)}}"}"""));
    }

    /// <summary>Reads a stored anchor; throws <see cref="FormatException"/> unless it is an object of a sequence from 1 and a 32-byte hash in hex.</summary>
    public static AuditAnchor FromJson(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.EnumerateObject().Count() == 2
                && root.TryGetProperty("sequence", out var sequence) && sequence.ValueKind == JsonValueKind.Number
                && sequence.TryGetInt64(out var number) && number > 0
                && root.TryGetProperty("hash", out var hash) && hash.ValueKind == JsonValueKind.String
                && hash.GetString() is { Length: 64 } hex && hex.All(char.IsAsciiHexDigit))
            {
                return new AuditAnchor(Convert.FromHexString(hex), number);
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"An audit anchor is JSON: {e.Message}", e);
        }

        throw new FormatException("""An audit anchor is {"sequence":N,"hash":"…"}: a sequence from 1 and a SHA-256 hash as 64 hex digits, nothing else.""");
    }

    /// <summary>
    /// <paramref name="anchors"/> by the entry each was noted at, for <see cref="AuditChain.Verify"/>. Each must name its
    /// entry; the same anchor twice counts once, two different hashes for one entry throw <see cref="ArgumentException"/>.
    /// </summary>
    public static IReadOnlyDictionary<long, AuditAnchor> BySequence(IEnumerable<AuditAnchor> anchors)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        var bySequence = new SortedDictionary<long, AuditAnchor>();
        foreach (var anchor in anchors)
        {
            var sequence = anchor.Sequence ?? throw new ArgumentException("Every anchor checked along the chain names its entry.", nameof(anchors));
            if (bySequence.TryGetValue(sequence, out var other) && !other.Hash.Span.SequenceEqual(anchor.Hash.Span))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Two anchors for entry {sequence} disagree: {Convert.ToHexStringLower(other.Hash.Span)} and {Convert.ToHexStringLower(anchor.Hash.Span)}."),
                    nameof(anchors));
            }

            bySequence[sequence] = anchor;
        }

        return bySequence;
    }
}
