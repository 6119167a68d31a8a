using NodaTime;

namespace OrleansClinic.Domain.Booking;

/// <summary>How far ahead and how close to now a clinic accepts bookings, and how wide a query may range.</summary>
public sealed record BookingPolicy
{
    /// <summary>The defaults a clinic starts with.</summary>
    public static BookingPolicy Default { get; } = new();

    /// <summary>Latest a booking may be made for, counted from now.</summary>
    public Duration MaxAdvance { get; init; } = Duration.FromDays(366);

    /// <summary>Shortest notice a booking needs; a slot starting sooner is no longer offered.</summary>
    public Duration MinNotice { get; init; } = Duration.Zero;

    /// <summary>Widest range a slot or appointment query may cover, so one request cannot ask for years.</summary>
    public Duration MaxQueryRange { get; init; } = Duration.FromDays(31);
}
