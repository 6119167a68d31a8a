using NodaTime;
using OrleansClinic.Domain.Scheduling;

namespace OrleansClinic.Grains.Abstractions.Serialization;

/// <summary>Wire form of a domain <see cref="Slot"/>.</summary>
[GenerateSerializer]
internal struct SlotSurrogate
{
    /// <summary>Slot start.</summary>
    [Id(0)] public Instant Start;

    /// <summary>Slot end (exclusive).</summary>
    [Id(1)] public Instant End;
}

/// <summary>Converts <see cref="Slot"/> to and from its wire form.</summary>
[RegisterConverter]
internal sealed class SlotSurrogateConverter : IConverter<Slot, SlotSurrogate>
{
    /// <inheritdoc />
    public Slot ConvertFromSurrogate(in SlotSurrogate surrogate) => new(surrogate.Start, surrogate.End);

    /// <inheritdoc />
    public SlotSurrogate ConvertToSurrogate(in Slot value) => new() { Start = value.Start, End = value.End };
}

/// <summary>Wire form of a domain <see cref="TimeRange"/>.</summary>
[GenerateSerializer]
internal struct TimeRangeSurrogate
{
    /// <summary>Range start.</summary>
    [Id(0)] public LocalTime Start;

    /// <summary>Range end (exclusive).</summary>
    [Id(1)] public LocalTime End;
}

/// <summary>Converts <see cref="TimeRange"/> to and from its wire form.</summary>
[RegisterConverter]
internal sealed class TimeRangeSurrogateConverter : IConverter<TimeRange, TimeRangeSurrogate>
{
    /// <inheritdoc />
    public TimeRange ConvertFromSurrogate(in TimeRangeSurrogate surrogate) => new(surrogate.Start, surrogate.End);

    /// <inheritdoc />
    public TimeRangeSurrogate ConvertToSurrogate(in TimeRange value) => new() { Start = value.Start, End = value.End };
}

/// <summary>Wire form of a domain <see cref="WeeklyWindow"/>.</summary>
[GenerateSerializer]
internal struct WeeklyWindowSurrogate
{
    /// <summary>ISO day of week, Monday = 1.</summary>
    [Id(0)] public int Day;

    /// <summary>Window start.</summary>
    [Id(1)] public LocalTime Start;

    /// <summary>Window end (exclusive).</summary>
    [Id(2)] public LocalTime End;
}

/// <summary>Converts <see cref="WeeklyWindow"/> to and from its wire form.</summary>
[RegisterConverter]
internal sealed class WeeklyWindowSurrogateConverter : IConverter<WeeklyWindow, WeeklyWindowSurrogate>
{
    /// <inheritdoc />
    public WeeklyWindow ConvertFromSurrogate(in WeeklyWindowSurrogate surrogate) => new((IsoDayOfWeek)surrogate.Day, surrogate.Start, surrogate.End);

    /// <inheritdoc />
    public WeeklyWindowSurrogate ConvertToSurrogate(in WeeklyWindow value) => new() { Day = (int)value.Day, Start = value.Start, End = value.End };
}

/// <summary>Wire form of a domain <see cref="DateException"/>.</summary>
[GenerateSerializer]
internal struct DateExceptionSurrogate
{
    /// <summary>The date overridden.</summary>
    [Id(0)] public LocalDate Date;

    /// <summary>Working hours that date; empty when closed.</summary>
    [Id(1)] public TimeRange[] Windows;
}

/// <summary>Converts <see cref="DateException"/> to and from its wire form.</summary>
[RegisterConverter]
internal sealed class DateExceptionSurrogateConverter : IConverter<DateException, DateExceptionSurrogate>
{
    /// <inheritdoc />
    public DateException ConvertFromSurrogate(in DateExceptionSurrogate surrogate) => new(surrogate.Date, surrogate.Windows ?? []);

    /// <inheritdoc />
    public DateExceptionSurrogate ConvertToSurrogate(in DateException value) => new() { Date = value.Date, Windows = [.. value.Windows] };
}

/// <summary>Wire form of a domain <see cref="Availability"/>.</summary>
[GenerateSerializer]
internal struct AvailabilitySurrogate
{
    /// <summary>The weekly template.</summary>
    [Id(0)] public WeeklyWindow[] Weekly;

    /// <summary>Dated exceptions.</summary>
    [Id(1)] public DateException[] Exceptions;
}

/// <summary>Converts <see cref="Availability"/> to and from its wire form.</summary>
[RegisterConverter]
internal sealed class AvailabilitySurrogateConverter : IConverter<Availability, AvailabilitySurrogate>
{
    /// <inheritdoc />
    public Availability ConvertFromSurrogate(in AvailabilitySurrogate surrogate) => new(surrogate.Weekly ?? [], surrogate.Exceptions ?? []);

    /// <inheritdoc />
    public AvailabilitySurrogate ConvertToSurrogate(in Availability value) => new() { Weekly = [.. value.Weekly], Exceptions = [.. value.Exceptions] };
}
