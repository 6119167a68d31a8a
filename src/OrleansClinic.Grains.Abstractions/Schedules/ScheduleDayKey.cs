using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace OrleansClinic.Grains.Abstractions.Schedules;

/// <summary>The key of a <see cref="IDoctorScheduleGrain"/>: doctor id and local date, as <c>doctorId/yyyy-MM-dd</c>.</summary>
public static class ScheduleDayKey
{
    /// <summary>Formats the key for a doctor's day.</summary>
    public static string Format(string doctorId, LocalDate date) =>
        string.Create(CultureInfo.InvariantCulture, $"{doctorId}/{LocalDatePattern.Iso.Format(date)}");

    /// <summary>Splits a key into doctor id and date.</summary>
    public static (string DoctorId, LocalDate Date) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var cut = key.LastIndexOf('/');
        if (cut <= 0)
        {
            throw new FormatException($"'{key}' is not a schedule day key.");
        }

        return (key[..cut], LocalDatePattern.Iso.Parse(key[(cut + 1)..]).GetValueOrThrow());
    }
}
