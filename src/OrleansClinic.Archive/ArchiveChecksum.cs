using System.Security.Cryptography;

namespace OrleansClinic.Archive;

/// <summary>The archive's checksum: SHA-256 as 64 lowercase hex digits, recorded at write and checked at every read.</summary>
public static class ArchiveChecksum
{
    /// <summary>The lowercase hex SHA-256 of <paramref name="content"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Whether <paramref name="value"/> has the shape of <see cref="Sha256Hex"/>'s answer.</summary>
    public static bool IsSha256Hex(string? value) => value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
