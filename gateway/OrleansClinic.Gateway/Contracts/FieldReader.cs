using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace OrleansClinic.Gateway.Contracts;

/// <summary>Reads request fields into clinic types, collecting one message per bad field for a 422 problem.</summary>
public sealed class FieldReader
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    /// <summary>Field name to messages for every field that failed.</summary>
    public IDictionary<string, string[]> Errors => errors;

    /// <summary>True when every field read so far was valid.</summary>
    public bool IsValid => errors.Count == 0;

    /// <summary>Records a problem with <paramref name="field"/>.</summary>
    public void Fail(string field, string message) => errors.TryAdd(field, [message]);

    /// <summary>A required id or name of at most <paramref name="maxLength"/> printable characters.</summary>
    public string Text(string field, string? value, int maxLength = 64)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(field, "is required");
            return "";
        }

        if (value.Length > maxLength || value.Any(char.IsControl))
        {
            Fail(field, $"must be at most {maxLength} printable characters");
        }

        return value;
    }

    /// <summary>Optional free text of at most <paramref name="maxLength"/> characters.</summary>
    public string? OptionalText(string field, string? value, int maxLength)
    {
        if (value is not null && (value.Length > maxLength || value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
        {
            Fail(field, $"must be at most {maxLength} characters without control characters");
        }

        return value;
    }

    /// <summary>An instant written as ISO 8601 with an offset, e.g. <c>2026-12-01T09:00:00+11:00</c>.</summary>
    public Instant Instant(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Fail(field, "is required");
            return default;
        }

        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(value);
        if (!parsed.Success)
        {
            Fail(field, "must be an ISO 8601 date-time with offset, e.g. 2026-12-01T09:00:00+11:00");
            return default;
        }

        return parsed.Value.ToInstant();
    }

    /// <summary>A date written <c>yyyy-MM-dd</c>.</summary>
    public LocalDate Date(string field, string? value)
    {
        var parsed = value is null ? null : LocalDatePattern.Iso.Parse(value);
        if (parsed is null || !parsed.Success)
        {
            Fail(field, "must be a date written yyyy-MM-dd");
            return default;
        }

        return parsed.Value;
    }

    /// <summary>A wall-clock time written <c>HH:mm</c>.</summary>
    public LocalTime Time(string field, string? value)
    {
        var parsed = value is null ? null : TimePattern.Parse(value);
        if (parsed is null || !parsed.Success)
        {
            Fail(field, "must be a time written HH:mm");
            return default;
        }

        return parsed.Value;
    }

    /// <summary>A day of the week by English name, e.g. <c>monday</c>.</summary>
    public IsoDayOfWeek Day(string field, string? value)
    {
        if (value is not null && Enum.TryParse<IsoDayOfWeek>(value, ignoreCase: true, out var day) && day != IsoDayOfWeek.None
            && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return day;
        }

        Fail(field, "must be a day of the week, e.g. monday");
        return IsoDayOfWeek.None;
    }

    /// <summary>An IANA time zone id, e.g. <c>Australia/Sydney</c>.</summary>
    public string Zone(string field, string? value)
    {
        if (value is null || DateTimeZoneProviders.Tzdb.GetZoneOrNull(value) is null)
        {
            Fail(field, "must be an IANA time zone, e.g. Australia/Sydney");
            return "";
        }

        return value;
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public int Number(string field, int? value, int min, int max)
    {
        if (value is not { } n || n < min || n > max)
        {
            Fail(field, $"must be a whole number from {min} to {max}");
            return min;
        }

        return n;
    }
}
