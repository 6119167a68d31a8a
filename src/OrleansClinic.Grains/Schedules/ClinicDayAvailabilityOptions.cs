namespace OrleansClinic.Grains.Schedules;

/// <summary>How the clinic's day availability (the search's copy of every schedule day) keeps itself fresh.</summary>
public sealed class ClinicDayAvailabilityOptions
{
    /// <summary>The configuration section, <c>Clinic:SlotSearch</c>.</summary>
    public const string Section = "Clinic:SlotSearch";

    /// <summary>
    /// How long a doctor's copy may go without news before it is asked for again: the longest a lost update can leave
    /// a search offering a taken slot (which booking refuses) or hiding a freed one. One minute by default.
    /// </summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
