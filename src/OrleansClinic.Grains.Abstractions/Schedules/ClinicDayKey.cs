using NodaTime;
using NodaTime.Text;

namespace OrleansClinic.Grains.Abstractions.Schedules;

/// <summary>The key of a <see cref="IClinicDayAvailabilityGrain"/>: the local date, as <c>yyyy-MM-dd</c>.</summary>
public static class ClinicDayKey
{
    /// <summary>Formats the key for a date.</summary>
    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>The date of a key.</summary>
    public static LocalDate Parse(string key) => LocalDatePattern.Iso.Parse(key).GetValueOrThrow();
}
