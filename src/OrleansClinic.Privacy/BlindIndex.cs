using System.Security.Cryptography;
using System.Text;

namespace OrleansClinic.Privacy;

/// <summary>
/// Keyed HMAC-SHA256 of normalised contact details and name tokens, so the vault can find a patient by email, phone or
/// name without storing any of them. The key is separate from the master key: a leaked index key exposes equality of
/// contacts and name tokens, not their content.
/// </summary>
public sealed class BlindIndex
{
    /// <summary>Length in bytes of the HMAC key.</summary>
    public const int KeySize = 32;

    // Distinct prefixes keep an email, a phone and a name token that normalise to the same text from sharing an index value.
    private const string EmailPurpose = "email\0";
    private const string PhonePurpose = "phone\0";
    private const string NamePurpose = "name\0";

    private readonly byte[] key;

    /// <summary>Creates an index over the 32-byte HMAC <paramref name="key"/>.</summary>
    public BlindIndex(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"The blind-index key is {key.Length} bytes; it must be {KeySize}.", nameof(key));
        }

        this.key = [.. key];
    }

    /// <summary>An index over a freshly generated key, lost with the process (embedded mode and tests).</summary>
    public static BlindIndex Ephemeral() => new(RandomNumberGenerator.GetBytes(KeySize));

    /// <summary>The index of an email, or null when it is blank.</summary>
    public byte[]? ForEmail(string? email) => NormaliseEmail(email) is { } normal ? Hash(EmailPurpose, normal) : null;

    /// <summary>The index of a phone number, or null when it holds no digits.</summary>
    public byte[]? ForPhone(string? phone) => NormalisePhone(phone) is { } normal ? Hash(PhonePurpose, normal) : null;

    /// <summary>The indexes of the distinct <see cref="NameTokens"/> of <paramref name="names"/>; none when they hold no letter or digit.</summary>
    public IReadOnlyList<byte[]> ForName(params string?[] names) => [.. NameTokens.Of(names).Select(token => Hash(NamePurpose, token))];

    /// <summary>Trims and lower-cases an email (the whole address: providers treat local parts case-insensitively in practice).</summary>
    public static string? NormaliseEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>
    /// Reduces a phone number to digits in international form without the plus: Australian numbers written nationally
    /// (<c>0412 345 678</c>), internationally (<c>+61 412 345 678</c>, <c>0011 61 …</c>) or with the trunk zero kept
    /// (<c>+61 (0)412 …</c>) all become <c>61412345678</c>. Other numbers keep their digits as written.
    /// </summary>
    public static string? NormalisePhone(string? phone)
    {
        if (phone is null)
        {
            return null;
        }

        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        if (digits.StartsWith("0011", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }
        else if (digits.Length == 10 && digits[0] == '0' && digits[1] != '0')
        {
            return "61" + digits[1..];
        }

        if (digits.StartsWith("610", StringComparison.Ordinal) && digits.Length == 12)
        {
            digits = "61" + digits[3..];
        }

        return digits.Length == 0 ? null : digits;
    }

    private byte[] Hash(string purpose, string normal) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + normal));
}
