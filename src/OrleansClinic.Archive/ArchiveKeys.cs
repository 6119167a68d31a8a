using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OrleansClinic.Archive;

/// <summary>
/// The archive's key layout: <c>{dataType}/{yyyy}/{MM}/{batchId}.jsonl.gz</c> for a batch's records and
/// <c>{dataType}/{yyyy}/{MM}/{batchId}.manifest.json</c> for its manifest beside it, the month being the batch's
/// creation month in UTC. Keys are relative to the store, which adds its own prefix (<c>archive/</c> by default).
/// </summary>
public static partial class ArchiveKeys
{
    /// <summary>How a batch's data object's key ends: gzip-compressed JSON Lines.</summary>
    public const string DataSuffix = ".jsonl.gz";

    /// <summary>How a batch's manifest's key ends.</summary>
    public const string ManifestSuffix = ".manifest.json";

    // S3 allows 1,024 bytes of key; this leaves room for the store's prefix.
    private const int MaximumKeyBytes = 900;

    /// <summary>The key of the data object of batch <paramref name="batchId"/> of <paramref name="dataType"/> created at <paramref name="createdAt"/>.</summary>
    public static string DataKey(string dataType, DateTimeOffset createdAt, string batchId) => BaseKey(dataType, createdAt, batchId) + DataSuffix;

    /// <summary>The key of the manifest of batch <paramref name="batchId"/> of <paramref name="dataType"/> created at <paramref name="createdAt"/>.</summary>
    public static string ManifestKey(string dataType, DateTimeOffset createdAt, string batchId) => BaseKey(dataType, createdAt, batchId) + ManifestSuffix;

    /// <summary>The key of the manifest beside the data object <paramref name="dataKey"/>.</summary>
    public static string ManifestKeyFor(string dataKey)
    {
        ArgumentNullException.ThrowIfNull(dataKey);
        return dataKey.EndsWith(DataSuffix, StringComparison.Ordinal)
            ? dataKey[..^DataSuffix.Length] + ManifestSuffix
            : throw new ArgumentException($"'{dataKey}' is not the key of an archive data object (it must end with {DataSuffix}).", nameof(dataKey));
    }

    /// <summary>The key of the data object beside the manifest <paramref name="manifestKey"/>.</summary>
    public static string DataKeyFor(string manifestKey)
    {
        ArgumentNullException.ThrowIfNull(manifestKey);
        return manifestKey.EndsWith(ManifestSuffix, StringComparison.Ordinal)
            ? manifestKey[..^ManifestSuffix.Length] + DataSuffix
            : throw new ArgumentException($"'{manifestKey}' is not the key of an archive manifest (it must end with {ManifestSuffix}).", nameof(manifestKey));
    }

    /// <summary>Whether <paramref name="dataType"/> can name a kind of archived record: lowercase letters, digits and hyphens, such as <c>appointments</c>.</summary>
    public static bool IsValidDataType(string? dataType) => dataType is not null && DataType().IsMatch(dataType);

    /// <summary>Whether <paramref name="batchId"/> can name a batch: letters, digits, <c>_</c> and <c>-</c>, up to 128.</summary>
    public static bool IsValidBatchId(string? batchId) => batchId is not null && BatchId().IsMatch(batchId);

    /// <summary>
    /// Whether <paramref name="key"/> is a store key: <c>/</c>-separated segments, none empty, <c>.</c> or <c>..</c>,
    /// with no backslash or control character, and short enough for S3 under a prefix.
    /// </summary>
    public static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && Encoding.UTF8.GetByteCount(key) <= MaximumKeyBytes && key.Split('/').All(IsValidSegment);

    /// <summary>Whether <paramref name="prefix"/> can start keys to list: empty, or the start of a store key (it may end in <c>/</c> or mid-segment).</summary>
    public static bool IsValidPrefix(string? prefix) =>
        prefix is not null && (prefix.Length == 0 || IsValidKey(prefix.EndsWith('/') ? prefix[..^1] : prefix + "x"));

    /// <summary>Whether <paramref name="keyPrefix"/> can be a store's own prefix: empty, or segments as in a key (outer slashes are ignored).</summary>
    public static bool IsValidStorePrefix(string? keyPrefix) => keyPrefix is not null && (keyPrefix.Trim('/').Length == 0 || IsValidKey(keyPrefix.Trim('/')));

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/> unless <paramref name="key"/> is a store key.</summary>
    public static void ThrowIfInvalid(string key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (!IsValidKey(key))
        {
            throw new ArgumentException(
                $"'{key}' is not an archive key: use '/'-separated segments, none empty, '.' or '..', without backslashes or control characters, at most {MaximumKeyBytes} UTF-8 bytes.",
                parameterName);
        }
    }

    private static string BaseKey(string dataType, DateTimeOffset createdAt, string batchId)
    {
        if (!IsValidDataType(dataType))
        {
            throw new ArgumentException($"'{dataType}' is not an archive data type: use lowercase letters, digits and hyphens, starting with a letter, up to 63.", nameof(dataType));
        }

        if (!IsValidBatchId(batchId))
        {
            throw new ArgumentException($"'{batchId}' is not an archive batch id: use letters, digits, '_' and '-', starting with a letter or digit, up to 128.", nameof(batchId));
        }

        var utc = createdAt.ToUniversalTime();
        return string.Create(CultureInfo.InvariantCulture, $"{dataType}/{utc.Year:D4}/{utc.Month:D2}/{batchId}");
    }

    private static bool IsValidSegment(string segment) =>
        segment.Length > 0 && segment is not "." and not ".." && !segment.Contains('\\', StringComparison.Ordinal) && !segment.Any(char.IsControl);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex DataType();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex BatchId();
}
