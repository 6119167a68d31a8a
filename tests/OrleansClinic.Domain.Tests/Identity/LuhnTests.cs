using OrleansClinic.Domain.Identity;

namespace OrleansClinic.Domain.Tests.Identity;

public sealed class LuhnTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("0", 0)]
    [InlineData("0000000000", 0)]
    [InlineData("1", 8)]
    [InlineData("5", 9)]   // 5 doubled is 10, which counts as 1
    [InlineData("9", 1)]   // 9 doubled is 18, which counts as 9
    [InlineData("18", 2)]  // 8 doubled is 16 (7), plus 1: 8
    public void Check_digit_of_small_payloads_is_the_hand_computed_one(string payload, int expected)
    {
        Assert.Equal(expected, Luhn.ComputeCheckDigit(payload));
        Assert.True(Luhn.IsValid(payload + expected));
    }

    [Fact]
    public void Check_digit_agrees_with_the_reference_for_random_payloads_of_every_length()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var payload = TestIdentifiers.RandomDigits(random.Next(0, 24), random);

            var number = payload + Luhn.ComputeCheckDigit(payload);

            Assert.Equal(TestIdentifiers.WithCheckDigit(payload), number);
            Assert.True(Luhn.IsValid(number));
        }
    }

    [Fact]
    public void Exactly_one_last_digit_is_valid()
    {
        var random = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            var payload = TestIdentifiers.RandomDigits(15, random);

            var valid = Enumerable.Range(0, 10).Where(c => Luhn.IsValid(payload + c)).ToList();

            Assert.Equal([Luhn.ComputeCheckDigit(payload)], valid);
        }
    }

    [Fact]
    public void Every_single_digit_change_is_caught()
    {
        var random = new Random(13);
        for (var n = 0; n < 50; n++)
        {
            var number = TestIdentifiers.WithCheckDigit(TestIdentifiers.RandomDigits(15, random)).ToCharArray();
            for (var i = 0; i < number.Length; i++)
            {
                var original = number[i];
                foreach (var replacement in "0123456789".Where(c => c != original))
                {
                    number[i] = replacement;
                    Assert.False(Luhn.IsValid(number), new string(number));
                }

                number[i] = original;
            }
        }
    }

    [Fact]
    public void Swapping_adjacent_digits_is_caught_except_for_09_and_90()
    {
        var random = new Random(17);
        for (var n = 0; n < 50; n++)
        {
            var number = TestIdentifiers.WithCheckDigit(TestIdentifiers.RandomDigits(15, random)).ToCharArray();
            for (var i = 0; i + 1 < number.Length; i++)
            {
                var (a, b) = (number[i], number[i + 1]);
                (number[i], number[i + 1]) = (b, a);

                // Luhn's known blind spot: 0 and 9 count the same whether doubled or not.
                var blind = a == b || (a, b) is ('0', '9') or ('9', '0');
                Assert.Equal(blind, Luhn.IsValid(number));

                (number[i], number[i + 1]) = (a, b);
            }
        }
    }

    [Fact]
    public void Leading_zeros_do_not_change_validity()
    {
        var number = TestIdentifiers.WithCheckDigit(TestIdentifiers.RandomDigits(12, new Random(19)));

        Assert.True(Luhn.IsValid("000" + number));
        Assert.Equal(Luhn.ComputeCheckDigit(number.AsSpan(0, number.Length - 1)), Luhn.ComputeCheckDigit("00" + number[..^1]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12a4")]
    [InlineData("1234 5678")]
    [InlineData("-18")]
    [InlineData("١٨")] // Arabic-Indic digits are digits to char.IsDigit but not to an identifier
    public void Empty_or_non_digit_input_is_not_valid(string number) => Assert.False(Luhn.IsValid(number));

    [Theory]
    [InlineData("12a")]
    [InlineData(" 1")]
    public void A_payload_with_a_non_digit_has_no_check_digit(string payload) =>
        Assert.Throws<ArgumentException>(() => Luhn.ComputeCheckDigit(payload));
}
