using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using OrleansClinic.Domain.Patients;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Gateway.Contracts;

/// <summary>
/// Reads personal details from a request with <see cref="PersonalDetailsRules"/>, naming every bad field in one 422 and
/// never echoing a value. <paramref name="today"/> bounds dates of birth.
/// </summary>
public sealed class PersonalDetailsReader(FieldReader reader, LocalDate today)
{
    /// <summary>Details for a registration, or null when any field is wrong (the reader holds why).</summary>
    public PersonalDetails? Registration(RegisterPatientRequest? request) =>
        Details(request?.GivenName, request?.FamilyName, request?.DateOfBirth, request?.Email, request?.Phone, request?.MedicareNumber, request?.Ihi);

    /// <summary>
    /// Applies a JSON merge patch to <paramref name="current"/>: a field left out stays, a field given replaces, a null
    /// removes an optional field. Null when the body or any field is wrong.
    /// </summary>
    public PersonalDetails? Correction(JsonElement patch, PersonalDetails current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (patch.ValueKind != JsonValueKind.Object)
        {
            reader.Fail("body", "must be a JSON object of the fields to change");
            return null;
        }

        foreach (var property in patch.EnumerateObject())
        {
            if (!Fields.Contains(property.Name))
            {
                reader.Fail(property.Name, "is not a field of a patient's details");
            }
            else if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                reader.Fail(property.Name, "must be a string or null");
            }
        }

        if (!reader.IsValid)
        {
            return null;
        }

        return Details(
            Take("givenName", current.GivenNames),
            Take("familyName", current.FamilyName),
            Take("dateOfBirth", LocalDatePattern.Iso.Format(current.DateOfBirth)),
            Take("email", current.Email),
            Take("phone", current.Phone),
            Take("medicareNumber", current.MedicareNumber),
            Take("ihi", current.Ihi));

        string? Take(string field, string? now) => patch.TryGetProperty(field, out var value) ? value.GetString() : now;
    }

    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal) { "givenName", "familyName", "dateOfBirth", "email", "phone", "medicareNumber", "ihi" };

    private PersonalDetails? Details(string? givenName, string? familyName, string? dateOfBirth, string? email, string? phone, string? medicare, string? ihi)
    {
        var given = Check("givenName", givenName, PersonalDetailsRules.TryName);
        var family = Check("familyName", familyName, PersonalDetailsRules.TryName);
        var born = reader.Date("dateOfBirth", dateOfBirth);
        if (!reader.Errors.ContainsKey("dateOfBirth") && !PersonalDetailsRules.TryDateOfBirth(born, today, out var error))
        {
            reader.Fail("dateOfBirth", error);
        }

        var mail = Optional("email", email, PersonalDetailsRules.TryEmail);
        var phoneNumber = Optional("phone", phone, PersonalDetailsRules.TryPhone);
        var medicareNumber = Optional("medicareNumber", medicare, PersonalDetailsRules.TryMedicareNumber);
        var healthIdentifier = Optional("ihi", ihi, PersonalDetailsRules.TryIhi);
        return reader.IsValid ? new PersonalDetails(given, family, born, mail, phoneNumber, medicareNumber, healthIdentifier) : null;
    }

    private string Check(string field, string? value, Rule rule)
    {
        if (!rule(value, out var kept, out var error))
        {
            reader.Fail(field, error);
        }

        return kept;
    }

    private string? Optional(string field, string? value, Rule rule) => value is null ? null : Check(field, value, rule);

    private delegate bool Rule(string? value, out string kept, out string error);
}
