using OrleansClinic.Domain.Audit;

namespace OrleansClinic.AuditVerifier;

/// <summary>
/// Anchors the silos kept in the clinic's archive store (<c>audit-anchors/</c>), downloaded into a directory: one file
/// per anchored entry, named by its sequence in 20 digits (<c>00000000000000007000.json</c>). Other files are ignored.
/// </summary>
public static class AuditAnchorDirectory
{
    /// <summary>Reads every anchor in <paramref name="path"/>, in sequence order.</summary>
    /// <exception cref="AuditVerifierException">There is no such directory, it holds no anchor, or an anchor file cannot be read or is not the anchor its name says.</exception>
    public static async Task<IReadOnlyList<AuditAnchor>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Directory.Exists(path))
        {
            throw new AuditVerifierException($"--anchor-dir: there is no directory '{path}'.");
        }

        var anchors = new List<AuditAnchor>();
        try
        {
            foreach (var file in Directory.EnumerateFiles(path).Order(StringComparer.Ordinal))
            {
                if (AuditAnchor.SequenceOfFileName(Path.GetFileName(file)) is not { } sequence)
                {
                    continue;
                }

                AuditAnchor anchor;
                try
                {
                    anchor = AuditAnchor.FromJson(await File.ReadAllBytesAsync(file, cancellationToken));
                }
                catch (FormatException e)
                {
                    throw new AuditVerifierException($"The anchor file {file} cannot be read: {e.Message}", e);
                }

                anchors.Add(anchor.Sequence == sequence
                    ? anchor
                    : throw new AuditVerifierException($"The anchor file {file} holds the anchor of entry {anchor.Sequence}, not the one its name says."));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditVerifierException($"--anchor-dir: '{path}' cannot be read: {e.Message}", e);
        }

        return anchors.Count > 0
            ? anchors
            : throw new AuditVerifierException($"--anchor-dir: '{path}' holds no audit anchors (files such as {AuditAnchor.FileNameOf(1)}).");
    }
}
