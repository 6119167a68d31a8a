using System.Globalization;
using OrleansClinic.Domain.Audit;

namespace OrleansClinic.AuditVerifier;

/// <summary>The verifier's command line: which database to read, the auditor's anchor if they noted one, and the silos' anchors if downloaded.</summary>
/// <param name="ConnectionString">The Npgsql connection string of the database holding <c>audit_logs.entry</c>.</param>
/// <param name="Anchor">The head hash noted earlier (<c>--expect-head-hash</c>, <c>--at-sequence</c>), or null.</param>
/// <param name="FromSequence">Where to start checking (<c>--from-sequence</c>), or null for the first entry.</param>
/// <param name="AnchorDirectory">A directory of anchors downloaded from the archive store (<c>--anchor-dir</c>), or null.</param>
public sealed record AuditVerifierArguments(string ConnectionString, AuditAnchor? Anchor, long? FromSequence, string? AnchorDirectory = null)
{
    /// <summary>What <c>--help</c> prints and usage errors point to.</summary>
    public const string Usage = """
        Usage: OrleansClinic.AuditVerifier --connection <connection string>
                                           [--expect-head-hash <hex> [--at-sequence <n> | --from-sequence <n>]]
                                           [--anchor-dir <path>]

          --connection        Npgsql connection string of the database holding audit_logs.entry, e.g.
                              "Host=localhost;Database=restored_dump;Username=auditor" (the password from PGPASSWORD or ~/.pgpass).
          --expect-head-hash  A head hash noted earlier (64 hex digits): the chain must still pass through it.
          --at-sequence       The entry that hash was noted at; without it, any entry may hold it.
          --from-sequence     Start checking at this entry, whose hash must be the one noted (entries before it were checked earlier).
          --anchor-dir        A directory of anchors downloaded from the archive store's audit-anchors/ folder
                              (00000000000000007000.json, …): every anchored entry must still have its anchored hash.

        Exit codes: 0 intact, 1 broken, 2 usage or connection error.
        """;

    /// <summary>True when the auditor asked for help rather than a check.</summary>
    public bool Help { get; init; }

    /// <summary>Reads the command line.</summary>
    /// <exception cref="AuditVerifierException">An option is unknown, repeated, missing its value or malformed.</exception>
    public static AuditVerifierArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                return new AuditVerifierArguments("", null, null) { Help = true };
            }

            var (name, value) = arg.Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, (string?)v) : (arg, null);
            if (name is not ("--connection" or "--expect-head-hash" or "--at-sequence" or "--from-sequence" or "--anchor-dir"))
            {
                // Only up to an '=': a connection string given without --connection may hold a password.
                var shown = arg.Contains('=', StringComparison.Ordinal) ? $"{arg[..(arg.IndexOf('=', StringComparison.Ordinal) + 1)]}…" : arg;
                throw new AuditVerifierException($"Unknown argument '{shown}'.");
            }

            if (value is null)
            {
                value = i + 1 < args.Count ? args[++i] : throw new AuditVerifierException($"{name} needs a value.");
            }

            if (!values.TryAdd(name, value))
            {
                throw new AuditVerifierException($"{name} is given twice.");
            }
        }

        if (!values.TryGetValue("--connection", out var connectionString) || string.IsNullOrWhiteSpace(connectionString))
        {
            throw new AuditVerifierException("--connection is required.");
        }

        var anchorDirectory = values.TryGetValue("--anchor-dir", out var directory)
            ? string.IsNullOrWhiteSpace(directory) ? throw new AuditVerifierException("--anchor-dir takes a directory.") : directory
            : null;
        var at = Sequence(values, "--at-sequence");
        var from = Sequence(values, "--from-sequence");
        if (!values.TryGetValue("--expect-head-hash", out var hex))
        {
            return (at, from) is (null, null)
                ? new AuditVerifierArguments(connectionString, null, null, anchorDirectory)
                : throw new AuditVerifierException("--at-sequence and --from-sequence need --expect-head-hash.");
        }

        if (at is not null && from is not null)
        {
            throw new AuditVerifierException("Give --at-sequence or --from-sequence, not both: starting part way, the anchor is the starting entry.");
        }

        return new AuditVerifierArguments(connectionString, new AuditAnchor(Hash(hex), at ?? from), from, anchorDirectory);
    }

    private static long? Sequence(Dictionary<string, string> values, string name) =>
        !values.TryGetValue(name, out var text) ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0 ? sequence
        : throw new AuditVerifierException($"{name} takes an entry's sequence, a whole number from 1, not '{text}'.");

    private static byte[] Hash(string hex)
    {
        try
        {
            var bytes = Convert.FromHexString(hex.Trim());
            return bytes.Length == 32 ? bytes : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new AuditVerifierException($"--expect-head-hash takes a SHA-256 hash as 64 hex digits, not '{hex}'.");
        }
    }
}
