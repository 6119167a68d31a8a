using NodaTime;
using OrleansClinic.Domain.Identity;
using OrleansClinic.Domain.Patients;
using OrleansClinic.Domain.Tests.Identity;

namespace OrleansClinic.Domain.Tests.Patients;

public sealed class PersonalDetailsRulesTests
{
    private static readonly LocalDate Today = new(2026, 11, 25);

    [Theory]
    [InlineData("Testa", "Testa")]
    [InlineData("  Anne-Marie  ", "Anne-Marie")]
    [InlineData("O\u2019Testing", "O\u2019Testing")]
    [InlineData("Nguy\u1EC5n", "Nguy\u1EC5n")]
    [InlineData("Nguye\u0302\u0303n", "Nguye\u0302\u0303n")]
    [InlineData("Ελένη", "Ελένη")]
    [InlineData("テスト", "テスト")]
    [InlineData("St. Test", "St. Test")]
    public void Names_of_any_script_with_or_without_combining_marks_are_kept_trimmed(string input, string kept)
    {
        Assert.True(PersonalDetailsRules.TryName(input, out var name, out _));
        Assert.Equal(kept, name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("Test<script>")]
    [InlineData("Test1")]
    [InlineData("--")]
    [InlineData("Tab\tName")]
    public void Empty_or_non_name_text_is_refused(string? input) =>
        Assert.False(PersonalDetailsRules.TryName(input, out _, out _));

    [Fact]
    public void A_name_longer_than_a_hundred_characters_is_refused()
    {
        Assert.True(PersonalDetailsRules.TryName(new string('a', 100), out _, out _));
        Assert.False(PersonalDetailsRules.TryName(new string('a', 101), out _, out var error));
        Assert.Contains("100", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_of_birth_is_not_in_the_future_nor_over_130_years_ago()
    {
        Assert.True(PersonalDetailsRules.TryDateOfBirth(Today, Today, out _));
        Assert.True(PersonalDetailsRules.TryDateOfBirth(Today.PlusYears(-130), Today, out _));
        Assert.False(PersonalDetailsRules.TryDateOfBirth(Today.PlusDays(1), Today, out _));
        Assert.False(PersonalDetailsRules.TryDateOfBirth(Today.PlusYears(-130).PlusDays(-1), Today, out _));
    }

    [Theory]
    [InlineData("testa@example.test", true)]
    [InlineData(" Testa.Patientson+clinic@mail.example.test ", true)]
    [InlineData("no-at-sign.example.test", false)]
    [InlineData("two@@example.test", false)]
    [InlineData("spaced out@example.test", false)]
    [InlineData("nodomain@localhost", false)]
    [InlineData("trailing@example.", false)]
    public void Email_addresses_have_the_usual_shape(string input, bool valid) =>
        Assert.Equal(valid, PersonalDetailsRules.TryEmail(input, out _, out _));

    [Fact]
    public void Overlong_email_addresses_are_refused() =>
        Assert.False(PersonalDetailsRules.TryEmail(new string('a', 64) + "@" + new string('b', 186) + ".test", out _, out _));

    [Theory]
    [InlineData("+61491570156", true)]
    [InlineData("+12025550123", true)]
    [InlineData("0491570156", false)]
    [InlineData("+61 491 570 156", false)]
    [InlineData("+0491570156", false)]
    [InlineData("+6149157015612345", false)]
    public void Phones_are_E164(string input, bool valid) =>
        Assert.Equal(valid, PersonalDetailsRules.TryPhone(input, out _, out _));

    [Theory]
    [InlineData("2123456701", true)]
    [InlineData("2123 45670 1", true)]
    [InlineData("21234567011", true)]
    [InlineData("2123456711", false)]
    [InlineData("21234567010", false)]
    [InlineData("1123456701", false)]
    [InlineData("212345670", false)]
    [InlineData("21234567A1", false)]
    public void Medicare_numbers_have_ten_or_eleven_digits_and_a_right_check_digit(string input, bool valid) =>
        Assert.Equal(valid, PersonalDetailsRules.TryMedicareNumber(input, out _, out _));

    [Fact]
    public void An_ihi_is_a_valid_healthcare_identifier_of_the_ihi_kind()
    {
        var ihi = TestIdentifiers.Generate(HealthcareIdentifierKind.Ihi, new Random(7));
        var hpii = TestIdentifiers.Generate(HealthcareIdentifierKind.HpiI, new Random(7));

        Assert.True(PersonalDetailsRules.TryIhi(ihi, out var kept, out _));
        Assert.Equal(ihi, kept);
        Assert.False(PersonalDetailsRules.TryIhi(hpii, out _, out _));
    }

    [Fact]
    public void Messages_never_echo_the_value()
    {
        PersonalDetailsRules.TryEmail("secret-person@nowhere", out _, out var email);
        PersonalDetailsRules.TryMedicareNumber("2123456711", out _, out var medicare);

        Assert.DoesNotContain("secret-person", email, StringComparison.Ordinal);
        Assert.DoesNotContain("2123456711", medicare, StringComparison.Ordinal);
    }
}
