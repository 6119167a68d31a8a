using NodaTime;

namespace OrleansClinic.Grains.Abstractions.Serialization;

/// <summary>Wire form of a NodaTime <see cref="Instant"/>: nanoseconds since the Unix epoch.</summary>
[GenerateSerializer]
internal struct InstantSurrogate
{
    /// <summary>Whole Unix ticks (100 ns), enough for every instant a clinic deals with.</summary>
    [Id(0)] public long UnixTicks;
}

/// <summary>Converts <see cref="Instant"/> to and from its wire form.</summary>
[RegisterConverter]
internal sealed class InstantSurrogateConverter : IConverter<Instant, InstantSurrogate>
{
    /// <inheritdoc />
    public Instant ConvertFromSurrogate(in InstantSurrogate surrogate) => Instant.FromUnixTimeTicks(surrogate.UnixTicks);

    /// <inheritdoc />
    public InstantSurrogate ConvertToSurrogate(in Instant value) => new() { UnixTicks = value.ToUnixTimeTicks() };
}

/// <summary>Wire form of a NodaTime <see cref="LocalDate"/> (ISO calendar).</summary>
[GenerateSerializer]
internal struct LocalDateSurrogate
{
    /// <summary>Days since 1970-01-01.</summary>
    [Id(0)] public int DaysSinceEpoch;
}

/// <summary>Converts <see cref="LocalDate"/> to and from its wire form.</summary>
[RegisterConverter]
internal sealed class LocalDateSurrogateConverter : IConverter<LocalDate, LocalDateSurrogate>
{
    private static readonly LocalDate Epoch = new(1970, 1, 1);

    /// <inheritdoc />
    public LocalDate ConvertFromSurrogate(in LocalDateSurrogate surrogate) => Epoch.PlusDays(surrogate.DaysSinceEpoch);

    /// <inheritdoc />
    public LocalDateSurrogate ConvertToSurrogate(in LocalDate value) => new() { DaysSinceEpoch = Period.DaysBetween(Epoch, value) };
}

/// <summary>Wire form of a NodaTime <see cref="LocalTime"/>.</summary>
[GenerateSerializer]
internal struct LocalTimeSurrogate
{
    /// <summary>Nanoseconds since midnight.</summary>
    [Id(0)] public long NanosecondOfDay;
}

/// <summary>Converts <see cref="LocalTime"/> to and from its wire form.</summary>
[RegisterConverter]
internal sealed class LocalTimeSurrogateConverter : IConverter<LocalTime, LocalTimeSurrogate>
{
    /// <inheritdoc />
    public LocalTime ConvertFromSurrogate(in LocalTimeSurrogate surrogate) => LocalTime.FromNanosecondsSinceMidnight(surrogate.NanosecondOfDay);

    /// <inheritdoc />
    public LocalTimeSurrogate ConvertToSurrogate(in LocalTime value) => new() { NanosecondOfDay = value.NanosecondOfDay };
}

/// <summary>Wire form of a NodaTime <see cref="Duration"/>.</summary>
[GenerateSerializer]
internal struct DurationSurrogate
{
    /// <summary>Whole ticks (100 ns).</summary>
    [Id(0)] public long Ticks;
}

/// <summary>Converts <see cref="Duration"/> to and from its wire form.</summary>
[RegisterConverter]
internal sealed class DurationSurrogateConverter : IConverter<Duration, DurationSurrogate>
{
    /// <inheritdoc />
    public Duration ConvertFromSurrogate(in DurationSurrogate surrogate) => Duration.FromTicks(surrogate.Ticks);

    /// <inheritdoc />
    public DurationSurrogate ConvertToSurrogate(in Duration value) => new() { Ticks = value.BclCompatibleTicks };
}
