namespace OrleansClinic.Domain.Appointments;

/// <summary>Which lifecycle steps an appointment may take from each status.</summary>
public static class AppointmentLifecycle
{
    /// <summary>True when an appointment in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(AppointmentStatus from, AppointmentStatus to) => (from, to) switch
    {
        (AppointmentStatus.None, AppointmentStatus.Booked) => true,
        (AppointmentStatus.Booked, AppointmentStatus.CheckedIn) => true,
        (AppointmentStatus.Booked, AppointmentStatus.Cancelled) => true,
        (AppointmentStatus.Booked, AppointmentStatus.NoShow) => true,
        (AppointmentStatus.Booked, AppointmentStatus.NeedsAttention) => true,
        (AppointmentStatus.NeedsAttention, AppointmentStatus.Cancelled) => true,
        (AppointmentStatus.CheckedIn, AppointmentStatus.Completed) => true,
        _ => false,
    };

    /// <summary>True when the appointment may still be moved to another time or doctor (which books it again).</summary>
    public static bool CanReschedule(AppointmentStatus status) => status is AppointmentStatus.Booked or AppointmentStatus.NeedsAttention;

    /// <summary>True while the appointment occupies its slot; a cancelled appointment gives its slot back.</summary>
    public static bool HoldsSlot(AppointmentStatus status) =>
        status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn or AppointmentStatus.Completed or AppointmentStatus.NoShow
            or AppointmentStatus.NeedsAttention;

    /// <summary>The status as the API spells it.</summary>
    public static string ToApiName(this AppointmentStatus status) => status switch
    {
        AppointmentStatus.None => "none",
        AppointmentStatus.Booked => "booked",
        AppointmentStatus.CheckedIn => "checked_in",
        AppointmentStatus.Completed => "completed",
        AppointmentStatus.Cancelled => "cancelled",
        AppointmentStatus.NoShow => "no_show",
        AppointmentStatus.NeedsAttention => "needs_attention",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
