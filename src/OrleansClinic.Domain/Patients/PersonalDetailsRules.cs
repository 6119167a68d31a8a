using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using OrleansClinic.Domain.Identity;

namespace OrleansClinic.Domain.Patients;

/// <summary>
/// What a patient's personal details may look like, field by field: each check returns the value to keep (trimmed)
/// or a message saying what is wrong, never echoing the value.
/// </summary>
public static partial class PersonalDetailsRules
{
    /// <summary>Longest given or family name kept.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest email address (RFC 5321 path limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>Oldest age a date of birth may imply.</summary>
    public const int MaxAgeYears = 130;

    /// <summary>
    /// A name in any script: letters and combining marks, with spaces, hyphens, apostrophes and full stops between
    /// them, kept as typed (the hosts run with invariant globalisation, which cannot compose Unicode forms).
    /// </summary>
    public static bool TryName(string? value, out string name, out string error)
    {
        name = (value ?? "").Trim();
        error = "";
        if (name.Length == 0)
        {
            error = "is required";
        }
        else if (name.Length > MaxNameLength)
        {
            error = $"must be at most {MaxNameLength} characters";
        }
        else if (!name.Any(char.IsLetter) || !name.All(IsNameCharacter))
        {
            error = "may contain letters of any script, spaces, hyphens, apostrophes and full stops";
        }

        return error.Length == 0;
    }

    /// <summary>A date of birth that is not after <paramref name="today"/> nor more than <see cref="MaxAgeYears"/> years before it.</summary>
    public static bool TryDateOfBirth(LocalDate date, LocalDate today, out string error)
    {
        error = date > today ? "cannot be in the future"
            : date < today.PlusYears(-MaxAgeYears) ? $"cannot be more than {MaxAgeYears} years ago"
            : "";
        return error.Length == 0;
    }

    /// <summary>An email address of the usual shape (one @, a dotted domain, no spaces), at most <see cref="MaxEmailLength"/> characters.</summary>
    public static bool TryEmail(string? value, out string email, out string error)
    {
        email = (value ?? "").Trim();
        error = email.Length > MaxEmailLength ? $"must be at most {MaxEmailLength} characters"
            : !EmailShape().IsMatch(email) || email.IndexOf('@', StringComparison.Ordinal) > 64 ? "must be an email address"
            : "";
        return error.Length == 0;
    }

    /// <summary>A phone number in E.164 form (<c>+61491570156</c>).</summary>
    public static bool TryPhone(string? value, out string phone, out string error)
    {
        phone = (value ?? "").Trim();
        error = E164().IsMatch(phone) ? "" : "must be in E.164 form, such as +61491570156";
        return error.Length == 0;
    }

    /// <summary>
    /// A Medicare card number: ten digits (spaces allowed) starting 2 to 6, whose ninth digit is the weighted check
    /// digit of the first eight, optionally followed by the one-digit individual reference number.
    /// </summary>
    public static bool TryMedicareNumber(string? value, out string number, out string error)
    {
        number = (value ?? "").Replace(" ", "", StringComparison.Ordinal);
        error = "";
        if (number.Length is not (10 or 11) || !number.All(char.IsAsciiDigit) || number[0] is < '2' or > '6')
        {
            error = "must be a 10-digit Medicare card number (11 with the individual reference number)";
        }
        else if (MedicareCheckDigit(number) != number[8] - '0')
        {
            error = "has a wrong check digit";
        }
        else if (number.Length == 11 && number[10] == '0')
        {
            error = "has an individual reference number of 0";
        }

        return error.Length == 0;
    }

    /// <summary>An Individual Healthcare Identifier (16 digits, prefix 800360, Luhn check digit); spaces allowed.</summary>
    public static bool TryIhi(string? value, out string ihi, out string error)
    {
        var valid = HealthcareIdentifier.TryParse(value, HealthcareIdentifierKind.Ihi, out var parsed, out var problem);
        ihi = valid ? parsed.ToString() : "";
        error = valid ? "" : HealthcareIdentifier.Describe(problem, HealthcareIdentifierKind.Ihi);
        return valid;
    }

    private static int MedicareCheckDigit(string number)
    {
        ReadOnlySpan<int> weights = [1, 3, 7, 9, 1, 3, 7, 9];
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (number[i] - '0') * weights[i];
        }

        return sum % 10;
    }

    private static bool IsNameCharacter(char c) =>
        char.IsLetter(c) || c is ' ' or '-' or '\'' or '\u2019' or '.'
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
