using NodaTime;

namespace OrleansClinic.Domain.Doctors;

/// <summary>What a doctor's absences make of their status at a given moment, and when that changes next.</summary>
public static class DoctorStatusRules
{
    /// <summary>
    /// <see cref="DoctorStatus.Unavailable"/> from the moment an emergency is declared until its window ends (or the doctor
    /// returns, which ends it): the clinic cannot know which later days are safe to book.
    /// <see cref="DoctorStatus.OnLeave"/> inside a planned window only. Otherwise <see cref="DoctorStatus.Available"/>.
    /// </summary>
    public static DoctorStatus At(IEnumerable<AbsenceWindow> absences, Instant now)
    {
        ArgumentNullException.ThrowIfNull(absences);
        var onLeave = false;
        // A return shortens windows still ahead to nothing (From == To): those count for nothing.
        foreach (var absence in absences.Where(a => a.From < a.To))
        {
            if (absence.Kind == AbsenceKind.Emergency && absence.To > now)
            {
                return DoctorStatus.Unavailable;
            }

            onLeave |= absence.Kind == AbsenceKind.Planned && absence.From <= now && now < absence.To;
        }

        return onLeave ? DoctorStatus.OnLeave : DoctorStatus.Available;
    }

    /// <summary>The first moment after <paramref name="now"/> at which <see cref="At"/> may answer differently; null if never.</summary>
    public static Instant? NextChange(IEnumerable<AbsenceWindow> absences, Instant now)
    {
        ArgumentNullException.ThrowIfNull(absences);
        Instant? next = null;
        foreach (var absence in absences.Where(a => a.From < a.To))
        {
            foreach (var edge in absence.Kind == AbsenceKind.Planned ? [absence.From, absence.To] : new[] { absence.To })
            {
                if (edge > now && (next is null || edge < next))
                {
                    next = edge;
                }
            }
        }

        return next;
    }

    /// <summary>The status as the API and events spell it.</summary>
    public static string ToApiName(this DoctorStatus status) => status switch
    {
        DoctorStatus.Available => "available",
        DoctorStatus.Unavailable => "unavailable",
        DoctorStatus.OnLeave => "on_leave",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
