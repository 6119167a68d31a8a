using NodaTime;

namespace OrleansClinic.Privacy;

/// <summary>A patient's personal information in plaintext; it exists only in memory and sealed in <c>users_pii_vault</c>.</summary>
/// <param name="GivenNames">Given name(s) as the patient writes them.</param>
/// <param name="FamilyName">Family name as the patient writes it.</param>
/// <param name="DateOfBirth">Date of birth.</param>
/// <param name="Email">Contact email, if the patient gave one.</param>
/// <param name="Phone">Contact phone in any written form, if the patient gave one.</param>
/// <param name="MedicareNumber">Medicare card number (with individual reference number), if known.</param>
/// <param name="Ihi">Individual Healthcare Identifier, if known.</param>
public sealed record PatientPii(
    string GivenNames,
    string FamilyName,
    LocalDate DateOfBirth,
    string? Email = null,
    string? Phone = null,
    string? MedicareNumber = null,
    string? Ihi = null)
{
    /// <summary>The API names of the record's fields, in declaration order.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = ["givenNames", "familyName", "dateOfBirth", "email", "phone", "medicareNumber", "ihi"];

    /// <summary>The API names of the fields that hold a value, in declaration order.</summary>
    public IReadOnlyList<string> FilledFields =>
        [.. FieldNames.Where((_, i) => i < 3 || new[] { Email, Phone, MedicareNumber, Ihi }[i - 3] is not null)];

    /// <summary>The optional fields, which a partial erasure may remove; names and date of birth identify the health record.</summary>
    public static IReadOnlyList<string> ErasableFields { get; } = ["email", "phone", "medicareNumber", "ihi"];

    /// <summary>This record without the named optional fields.</summary>
    public PatientPii Without(IReadOnlyCollection<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.FirstOrDefault(f => !ErasableFields.Contains(f)) is { } other)
        {
            throw new ArgumentException($"'{other}' is not an erasable field.", nameof(fields));
        }

        return this with
        {
            Email = fields.Contains("email") ? null : Email,
            Phone = fields.Contains("phone") ? null : Phone,
            MedicareNumber = fields.Contains("medicareNumber") ? null : MedicareNumber,
            Ihi = fields.Contains("ihi") ? null : Ihi,
        };
    }

    /// <summary>The API names of the fields whose values differ in <paramref name="corrected"/>, for a correction history without the values.</summary>
    public IReadOnlyList<string> ChangedFields(PatientPii corrected)
    {
        ArgumentNullException.ThrowIfNull(corrected);
        var changed = new List<string>();
        Compare(0, GivenNames, corrected.GivenNames);
        Compare(1, FamilyName, corrected.FamilyName);
        Compare(2, DateOfBirth, corrected.DateOfBirth);
        Compare(3, Email, corrected.Email);
        Compare(4, Phone, corrected.Phone);
        Compare(5, MedicareNumber, corrected.MedicareNumber);
        Compare(6, Ihi, corrected.Ihi);
        return changed;

        void Compare<T>(int field, T before, T after)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after))
            {
                changed.Add(FieldNames[field]);
            }
        }
    }

    /// <summary>Keeps the fields out of logs and exception messages that happen to format the record.</summary>
    public override string ToString() => $"{nameof(PatientPii)} {{ redacted }}";
}
