namespace OrleansClinic.Domain.Identity;

/// <summary>The Luhn (mod 10) check digit that ends every healthcare identifier.</summary>
public static class Luhn
{
    /// <summary>The check digit (0–9) to append to <paramref name="payload"/>, a string of ASCII digits.</summary>
    /// <exception cref="ArgumentException"><paramref name="payload"/> holds a character other than an ASCII digit.</exception>
    public static int ComputeCheckDigit(ReadOnlySpan<char> payload)
    {
        // The payload's rightmost digit is the one doubled, since the check digit will sit to its right.
        if (!TrySum(payload, doubleRightmost: true, out var sum))
        {
            throw new ArgumentException("The payload may contain only ASCII digits.", nameof(payload));
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>True when <paramref name="number"/> is non-empty, all ASCII digits, and ends in its own Luhn check digit.</summary>
    public static bool IsValid(ReadOnlySpan<char> number) =>
        !number.IsEmpty && TrySum(number, doubleRightmost: false, out var sum) && sum % 10 == 0;

    private static bool TrySum(ReadOnlySpan<char> digits, bool doubleRightmost, out int sum)
    {
        sum = 0;
        var doubled = doubleRightmost;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var digit = digits[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            if (doubled)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubled = !doubled;
        }

        return true;
    }
}
