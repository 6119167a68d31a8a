using NodaTime;
using OrleansClinic.Domain.Appointments;
using OrleansClinic.Domain.Privacy;
using OrleansClinic.Grains.Abstractions.Appointments;
using OrleansClinic.Grains.Abstractions.Archive;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Grains.Patients;

/// <summary>
/// Carries out a patient's erasure request across their appointments and the patient grain. It holds no state: each
/// step is repeatable (a cancelled appointment stays cancelled, an erased field stays erased), so a retry finishes an
/// interrupted request. It is its own grain because cancelling an appointment calls back into the patient grain.
/// </summary>
public sealed class ErasureRequestGrain(IClock clock) : Grain, IErasureRequestGrain
{
    /// <inheritdoc />
    public async Task<ErasureOutcome?> Request(DetailsAccess by)
    {
        ArgumentNullException.ThrowIfNull(by);
        var patient = GrainFactory.GetGrain<IPatientGrain>(this.GetPrimaryKeyString());
        if (await patient.Get() is null)
        {
            return null;
        }

        var now = clock.GetCurrentInstant();
        var cancelled = new List<string>();
        LocalDate? lastService = null;
        foreach (var id in await patient.FindAppointments(Instant.MinValue, Instant.MaxValue))
        {
            var appointment = GrainFactory.GetGrain<IAppointmentGrain>(id);
            if (await appointment.Get() is not { } view)
            {
                continue;
            }

            if (view.Status is AppointmentStatus.Booked or AppointmentStatus.NeedsAttention && view.Start > now)
            {
                if ((await appointment.Cancel("erasure request")).Succeeded)
                {
                    cancelled.Add(id);
                }
            }
            else if (view.Status is AppointmentStatus.CheckedIn or AppointmentStatus.Completed)
            {
                var served = view.End.InZone(RetentionRule.LatestCalendar).Date;
                lastService = lastService is { } latest && latest > served ? latest : served;
            }
        }

        // Appointments past the hot window are in the archive; a service there counts as much as one still hot.
        if (await GrainFactory.GetGrain<IArchivedServicesGrain>(0).LastServiceEnd(this.GetPrimaryKeyString()) is { } archivedEnd)
        {
            var served = archivedEnd.InZone(RetentionRule.LatestCalendar).Date;
            lastService = lastService is { } latest && latest > served ? latest : served;
        }

        // Withdrawn, not deleted: the consent history is the clinic's evidence of what it was allowed to do, and now
        // says that nothing more is allowed.
        var consents = GrainFactory.GetGrain<IPatientConsentGrain>(this.GetPrimaryKeyString());
        foreach (var latest in (await consents.History()).GroupBy(c => c.Purpose).Select(g => g.Last()).Where(c => c.Granted))
        {
            await consents.Set(latest.Purpose, false, latest.PolicyVersion);
        }

        return await patient.Erase(lastService, by) is { } outcome ? outcome with { CancelledAppointments = cancelled } : null;
    }
}
