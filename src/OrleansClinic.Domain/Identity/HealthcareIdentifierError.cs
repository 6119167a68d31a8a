namespace OrleansClinic.Domain.Identity;

/// <summary>Why a text is not a healthcare identifier of the expected kind; <see cref="None"/> when it is.</summary>
public enum HealthcareIdentifierError
{
    /// <summary>The text is a valid identifier of the expected kind.</summary>
    None,

    /// <summary>The text does not hold exactly 16 digits (this includes null or empty text).</summary>
    WrongLength,

    /// <summary>The text holds something other than digits, or spaces other than single ones between groups of four.</summary>
    InvalidCharacter,

    /// <summary>The 16 digits do not start with any healthcare identifier prefix.</summary>
    WrongPrefix,

    /// <summary>The prefix belongs to another kind of identifier, e.g. an HPI-I given where an IHI is expected.</summary>
    WrongKind,

    /// <summary>The last digit is not the Luhn check digit of the first fifteen: most likely a mistyped digit.</summary>
    BadCheckDigit,
}
