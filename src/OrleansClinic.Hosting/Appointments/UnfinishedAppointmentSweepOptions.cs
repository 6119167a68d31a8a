namespace OrleansClinic.Hosting.Appointments;

/// <summary>How often, and how far behind, the sweep looks for bookings and moves a crash left half done (<c>Clinic:AppointmentSweep</c>).</summary>
public sealed class UnfinishedAppointmentSweepOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Clinic:AppointmentSweep";

    /// <summary>Time between sweeps; also how long a slot can stay held by a booking whose silo died mid-way, at most, plus <see cref="MinimumAge"/>.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An appointment last written more recently than this is left to the call still finishing it.</summary>
    public TimeSpan MinimumAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Appointments finished per sweep at most; the rest wait for the next.</summary>
    public int BatchSize { get; set; } = 200;
}
