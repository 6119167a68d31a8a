using NodaTime;
using OrleansClinic.Domain.Booking;
using OrleansClinic.Domain.Doctors;
using OrleansClinic.Domain.Scheduling;
using OrleansClinic.Gateway.Contracts;
using OrleansClinic.Grains.Abstractions.Appointments;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Schedules;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>What the endpoint handlers need from the cluster, bound with <c>[AsParameters]</c>, plus the reads several resources share.</summary>
public sealed record ClinicServices(IGrainFactory Grains, IClock Clock, BookingPolicy Policy)
{
    /// <summary>A doctor's profile, or null when unknown.</summary>
    public Task<DoctorProfile?> Doctor(string doctorId) => Grains.GetGrain<IDoctorGrain>(doctorId).Get();

    /// <summary>A doctor's free slots that start in [from, to), from each local day's schedule grain.</summary>
    public async Task<IReadOnlyList<Slot>> FreeSlots(DoctorProfile doctor, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(doctor);
        if (doctor.Status == DoctorStatus.Unavailable)
        {
            return [];
        }

        // Only days that offer a slot in the range ask their schedule grain which are free: weekends, days off, leave
        // and days already past cost no call. A search across a clinic's doctors is mostly this fan-out.
        var zone = DateTimeZoneProviders.Tzdb[doctor.TimeZone];
        var earliest = Instant.Max(from, Clock.GetCurrentInstant() + Policy.MinNotice);
        var days = new List<LocalDate>();
        // The range ends before `to`: a range ending at midnight does not ask the next day's schedule grain for nothing.
        for (var day = from.InZone(zone).Date; day <= (to - Duration.Epsilon).InZone(zone).Date; day = day.PlusDays(1))
        {
            if (doctor.SlotsOn(day).Any(s => s.Start >= earliest && s.Start < to))
            {
                days.Add(day);
            }
        }

        // The caller's profile (the directory's, or the doctor's own) spares each day a call back to the doctor: half
        // the grain calls of a search across many doctors (docs/performance.md).
        var perDay = await Task.WhenAll(days.Select(day => StringKeyGrains.Get<IDoctorScheduleGrain>(Grains, ScheduleDayKey.Format(doctor.Id, day)).GetFreeSlotsGiven(doctor)));
        return [.. perDay.SelectMany(s => s.Value).Where(s => s.Start >= from && s.Start < to)];
    }

    /// <summary>The API form of appointments, each shown in its doctor's time zone.</summary>
    public async Task<IReadOnlyList<AppointmentResponse>> Present(IEnumerable<AppointmentView> views)
    {
        var zones = new Dictionary<string, string>(StringComparer.Ordinal);
        var responses = new List<AppointmentResponse>();
        foreach (var view in views)
        {
            if (!zones.TryGetValue(view.DoctorId, out var zone))
            {
                zone = (await Doctor(view.DoctorId))?.TimeZone ?? "UTC";
                zones[view.DoctorId] = zone;
            }

            responses.Add(AppointmentResponse.From(view, zone));
        }

        return responses;
    }

    /// <summary>The API form of one appointment.</summary>
    public async Task<AppointmentResponse> Present(AppointmentView view) => (await Present([view]))[0];

    /// <summary>The appointments with the given ids that exist, in the order given.</summary>
    public async Task<IReadOnlyList<AppointmentView>> Appointments(IEnumerable<string> ids)
    {
        var views = await Task.WhenAll(ids.Select(id => Grains.GetGrain<IAppointmentGrain>(id).Get()));
        return [.. views.OfType<AppointmentView>()];
    }
}
