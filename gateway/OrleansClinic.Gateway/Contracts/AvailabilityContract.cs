using NodaTime.Text;
using OrleansClinic.Domain.Scheduling;

namespace OrleansClinic.Gateway.Contracts;

/// <summary>A doctor's working hours on the wire: a weekly template and dated exceptions, in the clinic's local time.</summary>
public sealed record AvailabilityContract(IReadOnlyList<WeeklyWindowContract>? Weekly, IReadOnlyList<DateExceptionContract>? Exceptions)
{
    private const int MaxEntries = 200;

    /// <summary>The wire form of <paramref name="availability"/>.</summary>
    public static AvailabilityContract From(Availability availability)
    {
        ArgumentNullException.ThrowIfNull(availability);
        return new(
            [.. availability.Weekly.Select(w => new WeeklyWindowContract(w.Day.ToString().ToLowerInvariant(), Format(w.Start), Format(w.End)))],
            [.. availability.Exceptions.Select(e => new DateExceptionContract(LocalDatePattern.Iso.Format(e.Date), [.. e.Windows.Select(TimeRangeContract.From)]))]);
    }

    /// <summary>Reads and validates the availability, recording problems under <paramref name="field"/>.</summary>
    public Availability Read(FieldReader reader, string field)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var weekly = Weekly ?? [];
        var exceptions = Exceptions ?? [];
        if (weekly.Count > MaxEntries || exceptions.Count > MaxEntries)
        {
            reader.Fail(field, $"at most {MaxEntries} weekly windows and {MaxEntries} exceptions");
            return Availability.None;
        }

        var windows = weekly.Select((w, i) => new WeeklyWindow(
            reader.Day($"{field}.weekly[{i}].day", w.Day),
            reader.Time($"{field}.weekly[{i}].start", w.Start),
            reader.Time($"{field}.weekly[{i}].end", w.End))).ToList();
        var dated = exceptions.Select((e, i) => new DateException(
            reader.Date($"{field}.exceptions[{i}].date", e.Date),
            [.. (e.Windows ?? []).Select((w, j) => w.Read(reader, $"{field}.exceptions[{i}].windows[{j}]"))])).ToList();
        if (!reader.IsValid)
        {
            return Availability.None;
        }

        var availability = new Availability(windows, dated);
        foreach (var (key, messages) in availability.Validate())
        {
            reader.Fail($"{field}.{key}", messages[0]);
        }

        return availability;
    }

    internal static string Format(NodaTime.LocalTime time) => LocalTimePattern.CreateWithInvariantCulture("HH:mm").Format(time);
}

/// <summary>A recurring weekly window, e.g. <c>{ "day": "monday", "start": "09:00", "end": "12:00" }</c>.</summary>
public sealed record WeeklyWindowContract(string? Day, string? Start, string? End);

/// <summary>One date's hours replacing the weekly template; no windows means closed.</summary>
public sealed record DateExceptionContract(string? Date, IReadOnlyList<TimeRangeContract>? Windows);

/// <summary>Wall-clock hours, e.g. <c>{ "start": "09:00", "end": "12:00" }</c>.</summary>
public sealed record TimeRangeContract(string? Start, string? End)
{
    /// <summary>The wire form of <paramref name="range"/>.</summary>
    public static TimeRangeContract From(TimeRange range) => new(AvailabilityContract.Format(range.Start), AvailabilityContract.Format(range.End));

    /// <summary>Reads and validates the range.</summary>
    public TimeRange Read(FieldReader reader, string field)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new(reader.Time(field + ".start", Start), reader.Time(field + ".end", End));
    }
}
