namespace OrleansClinic.Domain.Identity;

/// <summary>
/// An Australian healthcare identifier (IHI, HPI-I or HPI-O): 16 digits starting with the kind's prefix and ending in a
/// Luhn check digit. Only <see cref="TryParse"/> and <see cref="Parse"/> make one; <c>default</c> is not an identifier.
/// </summary>
/// <remarks>An IHI identifies a patient: it is personal information and must never be logged or put in a message.</remarks>
public readonly record struct HealthcareIdentifier
{
    /// <summary>Number of digits in every healthcare identifier.</summary>
    public const int Length = 16;

    private const int PrefixLength = 6;
    private const string IhiPrefix = "800360";
    private const string HpiIPrefix = "800361";
    private const string HpiOPrefix = "800362";

    private readonly string? _digits;

    private HealthcareIdentifier(HealthcareIdentifierKind kind, string digits)
    {
        Kind = kind;
        _digits = digits;
    }

    /// <summary>Whether this is an IHI, an HPI-I or an HPI-O.</summary>
    public HealthcareIdentifierKind Kind { get; }

    /// <summary>The 6-digit prefix every identifier of <paramref name="kind"/> starts with.</summary>
    public static string PrefixOf(HealthcareIdentifierKind kind) => kind switch
    {
        HealthcareIdentifierKind.Ihi => IhiPrefix,
        HealthcareIdentifierKind.HpiI => HpiIPrefix,
        HealthcareIdentifierKind.HpiO => HpiOPrefix,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a healthcare identifier kind."),
    };

    /// <summary>
    /// Reads <paramref name="text"/> as an identifier of <paramref name="kind"/>: 16 digits, either together or in four
    /// groups of four separated by single spaces, with the kind's prefix and a valid Luhn check digit.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind: a caller's bug, not bad input.</exception>
    public static bool TryParse(string? text, HealthcareIdentifierKind kind, out HealthcareIdentifier identifier, out HealthcareIdentifierError error)
    {
        var prefix = PrefixOf(kind);
        identifier = default;
        Span<char> digits = stackalloc char[Length];
        error = Check(text, digits);
        if (error == HealthcareIdentifierError.None)
        {
            var actual = digits[..PrefixLength];
            if (!actual.SequenceEqual(prefix))
            {
                error = actual.SequenceEqual(IhiPrefix) || actual.SequenceEqual(HpiIPrefix) || actual.SequenceEqual(HpiOPrefix)
                    ? HealthcareIdentifierError.WrongKind
                    : HealthcareIdentifierError.WrongPrefix;
            }
            else if (!Luhn.IsValid(digits))
            {
                error = HealthcareIdentifierError.BadCheckDigit;
            }
            else
            {
                identifier = new HealthcareIdentifier(kind, new string(digits));
            }
        }

        return error == HealthcareIdentifierError.None;
    }

    /// <summary>Reads <paramref name="text"/> as an identifier of <paramref name="kind"/>, as <see cref="TryParse"/> does.</summary>
    /// <exception cref="FormatException">The text is not a valid identifier of that kind; the message says why but never repeats the text.</exception>
    public static HealthcareIdentifier Parse(string? text, HealthcareIdentifierKind kind) =>
        TryParse(text, kind, out var identifier, out var error) ? identifier : throw new FormatException(Describe(error, kind));

    /// <summary>A sentence for a person saying what is wrong; it names no digits, so it is safe to show and to log.</summary>
    public static string Describe(HealthcareIdentifierError error, HealthcareIdentifierKind kind)
    {
        var name = NameOf(kind);
        return error switch
        {
            HealthcareIdentifierError.None => $"A valid {name}.",
            HealthcareIdentifierError.WrongLength => $"An {name} has exactly {Length} digits.",
            HealthcareIdentifierError.InvalidCharacter => $"An {name} may contain only digits, optionally in four groups of four separated by single spaces.",
            HealthcareIdentifierError.WrongPrefix => $"An {name} starts with {PrefixOf(kind)}.",
            HealthcareIdentifierError.WrongKind => $"This is a different kind of healthcare identifier, not an {name} (which starts with {PrefixOf(kind)}).",
            HealthcareIdentifierError.BadCheckDigit => $"This is not a valid {name}: its check digit does not match, so a digit is probably mistyped.",
            _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Not a healthcare identifier error."),
        };
    }

    /// <summary>The 16 digits without spaces (empty for <c>default</c>).</summary>
    public override string ToString() => _digits ?? string.Empty;

    private static string NameOf(HealthcareIdentifierKind kind) => kind switch
    {
        HealthcareIdentifierKind.Ihi => "IHI",
        HealthcareIdentifierKind.HpiI => "HPI-I",
        HealthcareIdentifierKind.HpiO => "HPI-O",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a healthcare identifier kind."),
    };

    // Checks only the shape, copying the digits into a caller's stack buffer so a rejected input allocates nothing.
    private static HealthcareIdentifierError Check(string? text, Span<char> digits)
    {
        if (string.IsNullOrEmpty(text))
        {
            return HealthcareIdentifierError.WrongLength;
        }

        var count = 0;
        var spaces = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count < Length)
                {
                    digits[count] = c;
                }

                count++;
            }
            else if (c == ' ')
            {
                spaces++;
            }
            else
            {
                return HealthcareIdentifierError.InvalidCharacter;
            }
        }

        if (count != Length)
        {
            return HealthcareIdentifierError.WrongLength;
        }

        // With 16 digits present, spaces are fine only as the three single separators of 4-4-4-4 grouping.
        var grouped = spaces == 3 && text[4] == ' ' && text[9] == ' ' && text[14] == ' ';
        return spaces == 0 || grouped ? HealthcareIdentifierError.None : HealthcareIdentifierError.InvalidCharacter;
    }
}
