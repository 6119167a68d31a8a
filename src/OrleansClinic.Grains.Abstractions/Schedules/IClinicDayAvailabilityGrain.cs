namespace OrleansClinic.Grains.Abstractions.Schedules;

/// <summary>
/// Every doctor's taken slots on one local date, keyed by <see cref="ClinicDayKey"/>, so a search across the clinic asks one
/// grain a day instead of one schedule grain per doctor a day. It is a copy: each schedule day sends it every change
/// after storing it, and it asks a schedule day itself for a doctor it does not know yet and for any doctor it has not
/// heard from for a while (a change that got lost). It may trail a booking by a moment; the schedule day alone decides
/// who gets a slot.
/// </summary>
public interface IClinicDayAvailabilityGrain : IGrainWithStringKey
{
    /// <summary>
    /// The claims of each doctor's day, in the order of <paramref name="doctorIds"/>; passed as <see cref="Immutable{T}"/>
    /// both ways because neither side changes them after the call, so a silo does not deep-copy a thousand doctors.
    /// </summary>
    Task<Immutable<ScheduleDayClaims[]>> GetClaims(Immutable<string[]> doctorIds);

    /// <summary>A schedule day's claims after a change it has stored; an older revision than the one held is ignored.</summary>
    [OneWay]
    Task Update(ScheduleDayClaims claims);
}
