using OrleansClinic.Domain.Identity;

namespace OrleansClinic.Domain.Tests.Identity;

public sealed class HealthcareIdentifierTests
{
    public static TheoryData<HealthcareIdentifierKind> Kinds => [.. TestIdentifiers.Kinds];

    public static TheoryData<HealthcareIdentifierKind, HealthcareIdentifierKind> MismatchedKinds =>
        [.. from actual in TestIdentifiers.Kinds from expected in TestIdentifiers.Kinds where actual != expected select (actual, expected)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generated_identifiers_of_each_kind_parse_and_print_their_16_digits(HealthcareIdentifierKind kind)
    {
        foreach (var digits in TestIdentifiers.Many(kind, 500))
        {
            var parsed = HealthcareIdentifier.TryParse(digits, kind, out var identifier, out var error);

            Assert.True(parsed, digits);
            Assert.Equal(HealthcareIdentifierError.None, error);
            Assert.Equal(kind, identifier.Kind);
            Assert.Equal(digits, identifier.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Four_groups_of_four_separated_by_single_spaces_parse_to_the_same_identifier(HealthcareIdentifierKind kind)
    {
        var digits = TestIdentifiers.Generate(kind, new Random(23));

        var grouped = HealthcareIdentifier.Parse(TestIdentifiers.Grouped(digits), kind);

        Assert.Equal(digits, grouped.ToString());
        Assert.Equal(HealthcareIdentifier.Parse(digits, kind), grouped);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_text_is_the_wrong_length(string? text) =>
        AssertRejected(text, HealthcareIdentifierKind.Ihi, HealthcareIdentifierError.WrongLength);

    [Theory]
    [InlineData(-1)] // 15 digits
    [InlineData(1)]  // 17 digits
    [InlineData(-10)]
    [InlineData(16)]
    public void Too_few_or_too_many_digits_is_the_wrong_length(int extra)
    {
        var digits = TestIdentifiers.Generate(HealthcareIdentifierKind.Ihi, new Random(29));
        var text = extra < 0 ? digits[..(16 + extra)] : digits + new string('0', extra);

        AssertRejected(text, HealthcareIdentifierKind.Ihi, HealthcareIdentifierError.WrongLength);
    }

    [Fact]
    public void A_grouped_number_missing_a_digit_is_the_wrong_length()
    {
        var grouped = TestIdentifiers.Grouped(TestIdentifiers.Generate(HealthcareIdentifierKind.Ihi, new Random(31)));

        AssertRejected(grouped[..^1], HealthcareIdentifierKind.Ihi, HealthcareIdentifierError.WrongLength);
    }

    [Theory]
    [InlineData("X{0}")]        // a letter
    [InlineData("{0}-")]        // punctuation
    [InlineData("{0}\n")]       // a trailing newline is not trimmed
    [InlineData(" {0}")]        // nor a leading space
    [InlineData("{0} ")]        // nor a trailing one
    [InlineData("\t{0}")]
    public void Anything_but_digits_is_an_invalid_character(string format)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, TestIdentifiers.Generate(HealthcareIdentifierKind.Ihi, new Random(37)));

        AssertRejected(text, HealthcareIdentifierKind.Ihi, HealthcareIdentifierError.InvalidCharacter);
    }

    [Fact]
    public void A_non_ascii_digit_is_an_invalid_character()
    {
        var digits = TestIdentifiers.Generate(HealthcareIdentifierKind.Ihi, new Random(41));

        AssertRejected(digits[..^1] + "\u0663", HealthcareIdentifierKind.Ihi, HealthcareIdentifierError.InvalidCharacter);
    }

    [Theory]
    [InlineData("dddd  dddd dddd dddd")] // a double space
    [InlineData("dddd dddddddd dddd")]   // only some groups separated
    [InlineData("ddddd ddd dddd dddd")]  // a space off the group boundary
    [InlineData("dd dd dd dd dd dd dd dd")]
    public void Spaces_anywhere_but_between_the_four_groups_are_invalid(string shape)
    {
        var digits = TestIdentifiers.Generate(HealthcareIdentifierKind.HpiO, new Random(43));
        var next = 0;
        var text = string.Concat(shape.Select(c => c == 'd' ? digits[next++] : c));

        AssertRejected(text, HealthcareIdentifierKind.HpiO, HealthcareIdentifierError.InvalidCharacter);
    }

    [Theory]
    [InlineData("800363")] // next to the real prefixes, but not one
    [InlineData("800359")]
    [InlineData("123456")]
    [InlineData("000000")]
    public void Digits_without_a_healthcare_identifier_prefix_have_the_wrong_prefix(string prefix)
    {
        // Valid Luhn, so only the prefix is wrong.
        var text = TestIdentifiers.WithCheckDigit(prefix + TestIdentifiers.RandomDigits(9, new Random(47)));

        foreach (var kind in TestIdentifiers.Kinds)
        {
            AssertRejected(text, kind, HealthcareIdentifierError.WrongPrefix);
        }
    }

    [Theory]
    [MemberData(nameof(MismatchedKinds))]
    public void An_identifier_of_another_kind_is_the_wrong_kind(HealthcareIdentifierKind actual, HealthcareIdentifierKind expected)
    {
        var text = TestIdentifiers.Generate(actual, new Random(53));

        AssertRejected(text, expected, HealthcareIdentifierError.WrongKind);
        Assert.True(HealthcareIdentifier.TryParse(text, actual, out _, out _));
    }

    [Fact]
    public void An_HPI_I_given_as_an_IHI_says_it_is_not_an_IHI()
    {
        var hpiI = TestIdentifiers.Generate(HealthcareIdentifierKind.HpiI, new Random(59));

        var thrown = Assert.Throws<FormatException>(() => HealthcareIdentifier.Parse(hpiI, HealthcareIdentifierKind.Ihi));

        Assert.Contains("not an IHI", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_other_last_digit_is_a_bad_check_digit(HealthcareIdentifierKind kind)
    {
        var digits = TestIdentifiers.Generate(kind, new Random(61));

        foreach (var last in "0123456789".Where(c => c != digits[^1]))
        {
            AssertRejected(digits[..^1] + last, kind, HealthcareIdentifierError.BadCheckDigit);
        }
    }

    [Fact]
    public void A_mistyped_digit_after_the_prefix_is_a_bad_check_digit()
    {
        var digits = TestIdentifiers.Generate(HealthcareIdentifierKind.Ihi, new Random(67)).ToCharArray();
        for (var i = 6; i < 16; i++)
        {
            var original = digits[i];
            digits[i] = original == '9' ? '0' : (char)(original + 1);

            AssertRejected(TestIdentifiers.Grouped(new string(digits)), HealthcareIdentifierKind.Ihi, HealthcareIdentifierError.BadCheckDigit);

            digits[i] = original;
        }
    }

    [Fact]
    public void Checks_run_in_order_characters_then_length_then_prefix_then_check_digit()
    {
        AssertRejected("80036X", HealthcareIdentifierKind.Ihi, HealthcareIdentifierError.InvalidCharacter);
        AssertRejected("1234", HealthcareIdentifierKind.Ihi, HealthcareIdentifierError.WrongLength);

        // Wrong prefix and a failing Luhn at once: the prefix is reported.
        var text = TestIdentifiers.WithCheckDigit("999999" + TestIdentifiers.RandomDigits(9, new Random(71)));
        var broken = text[..^1] + (char)('0' + ((text[^1] - '0' + 1) % 10));
        AssertRejected(broken, HealthcareIdentifierKind.Ihi, HealthcareIdentifierError.WrongPrefix);
    }

    [Fact]
    public void Parse_failure_says_why_without_repeating_the_number()
    {
        var digits = TestIdentifiers.Generate(HealthcareIdentifierKind.Ihi, new Random(73));
        var mistyped = digits[..^1] + (digits[^1] == '0' ? '1' : '0');

        var thrown = Assert.Throws<FormatException>(() => HealthcareIdentifier.Parse(mistyped, HealthcareIdentifierKind.Ihi));

        Assert.Contains("check digit", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(mistyped[6..], thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_has_a_description_for_every_kind()
    {
        foreach (var error in Enum.GetValues<HealthcareIdentifierError>())
        {
            foreach (var kind in TestIdentifiers.Kinds)
            {
                Assert.False(string.IsNullOrWhiteSpace(HealthcareIdentifier.Describe(error, kind)));
            }
        }
    }

    [Fact]
    public void Default_prints_empty_and_equals_no_parsed_identifier()
    {
        var parsed = HealthcareIdentifier.Parse(TestIdentifiers.Generate(HealthcareIdentifierKind.Ihi, new Random(79)), HealthcareIdentifierKind.Ihi);

        Assert.Equal(string.Empty, default(HealthcareIdentifier).ToString());
        Assert.NotEqual(default, parsed);
    }

    [Fact]
    public void An_unknown_kind_is_an_argument_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HealthcareIdentifier.TryParse("", (HealthcareIdentifierKind)42, out _, out _));

    private static void AssertRejected(string? text, HealthcareIdentifierKind kind, HealthcareIdentifierError expected)
    {
        var parsed = HealthcareIdentifier.TryParse(text, kind, out var identifier, out var error);

        Assert.False(parsed);
        Assert.Equal(expected, error);
        Assert.Equal(default, identifier);
    }
}
