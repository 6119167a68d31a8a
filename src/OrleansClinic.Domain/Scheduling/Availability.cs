using NodaTime;

namespace OrleansClinic.Domain.Scheduling;

/// <summary>A doctor's working hours: a weekly template plus dated exceptions that override it.</summary>
public sealed record Availability(IReadOnlyList<WeeklyWindow> Weekly, IReadOnlyList<DateException> Exceptions)
{
    /// <summary>No working hours at all.</summary>
    public static Availability None { get; } = new([], []);

    /// <summary>The working hours on <paramref name="date"/>, in start order.</summary>
    public IReadOnlyList<TimeRange> WindowsOn(LocalDate date)
    {
        foreach (var exception in Exceptions)
        {
            if (exception.Date == date)
            {
                return [.. exception.Windows.OrderBy(w => w.Start)];
            }
        }

        return [.. Weekly.Where(w => w.Day == date.DayOfWeek).Select(w => w.Hours).OrderBy(w => w.Start)];
    }

    /// <summary>Problems that make this availability unusable, keyed by field; empty when valid.</summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < Weekly.Count; i++)
        {
            var w = Weekly[i];
            if (!w.Hours.IsValid)
            {
                errors[$"weekly[{i}]"] = ["end must be after start"];
            }
        }

        foreach (var day in Weekly.GroupBy(w => w.Day))
        {
            if (HasOverlap(day.Select(w => w.Hours)))
            {
                errors[$"weekly.{day.Key}"] = ["windows on one day must not overlap"];
            }
        }

        for (var i = 0; i < Exceptions.Count; i++)
        {
            var e = Exceptions[i];
            if (e.Windows.Any(w => !w.IsValid))
            {
                errors[$"exceptions[{i}]"] = ["end must be after start"];
            }
            else if (HasOverlap(e.Windows))
            {
                errors[$"exceptions[{i}]"] = ["windows on one day must not overlap"];
            }
        }

        if (Exceptions.GroupBy(e => e.Date).Any(g => g.Count() > 1))
        {
            errors["exceptions"] = ["at most one exception per date"];
        }

        return errors;
    }

    private static bool HasOverlap(IEnumerable<TimeRange> ranges)
    {
        var ordered = ranges.OrderBy(r => r.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i - 1].Overlaps(ordered[i]))
            {
                return true;
            }
        }

        return false;
    }
}
