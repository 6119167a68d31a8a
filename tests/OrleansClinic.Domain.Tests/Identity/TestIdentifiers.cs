using System.Globalization;
using OrleansClinic.Domain.Identity;

namespace OrleansClinic.Domain.Tests.Identity;

/// <summary>
/// Makes made-up healthcare identifiers (prefix, nine random digits, check digit) with a Luhn written independently of
/// the production one, so a bug there cannot also bless the numbers it is tested against.
/// </summary>
internal static class TestIdentifiers
{
    public static readonly HealthcareIdentifierKind[] Kinds =
        [HealthcareIdentifierKind.Ihi, HealthcareIdentifierKind.HpiI, HealthcareIdentifierKind.HpiO];

    public static string Prefix(HealthcareIdentifierKind kind) => kind switch
    {
        HealthcareIdentifierKind.Ihi => "800360",
        HealthcareIdentifierKind.HpiI => "800361",
        HealthcareIdentifierKind.HpiO => "800362",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A valid identifier of <paramref name="kind"/>, 16 digits without spaces.</summary>
    public static string Generate(HealthcareIdentifierKind kind, Random random) => WithCheckDigit(Prefix(kind) + RandomDigits(9, random));

    /// <summary>Valid identifiers of <paramref name="kind"/> from a fixed seed, so a failure can be replayed.</summary>
    public static IEnumerable<string> Many(HealthcareIdentifierKind kind, int count, int seed = 20260615)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return Generate(kind, random);
        }
    }

    public static string RandomDigits(int count, Random random) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => random.Next(10).ToString(CultureInfo.InvariantCulture)));

    /// <summary>Appends the one digit that makes <paramref name="payload"/> pass the reference check.</summary>
    public static string WithCheckDigit(string payload)
    {
        for (var c = 0; c <= 9; c++)
        {
            var candidate = payload + c.ToString(CultureInfo.InvariantCulture);
            if (ReferenceIsValid(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Exactly one check digit must fit.");
    }

    /// <summary>Textbook Luhn: from the right, every second digit doubled with its digits summed, total divisible by 10.</summary>
    public static bool ReferenceIsValid(string number)
    {
        var total = 0;
        for (var fromRight = 0; fromRight < number.Length; fromRight++)
        {
            var digit = number[number.Length - 1 - fromRight] - '0';
            var value = fromRight % 2 == 1 ? digit * 2 : digit;
            total += (value / 10) + (value % 10);
        }

        return total % 10 == 0;
    }

    /// <summary>The 16 digits in the 4-4-4-4 form printed on cards and letters.</summary>
    public static string Grouped(string digits) => $"{digits[..4]} {digits[4..8]} {digits[8..12]} {digits[12..]}";
}
