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
        // The caller's profile (the directory's, or the doctor's own) spares each day a call back to the doctor.
        var perDay = await Task.WhenAll(ScheduleDays(doctor, from, to).Select(d => d.Day).Select(day => StringKeyGrains.Get<IDoctorScheduleGrain>(Grains, ScheduleDayKey.Format(doctor.Id, day)).GetFreeSlotsGiven(doctor)));
        return [.. perDay.SelectMany(s => s.Value).Where(s => s.Start >= from && s.Start < to)];
    }

    /// <summary>
    /// Each doctor's free slots that start in [from, to), in the order given, from the clinic's day availability: one
    /// call a date for all the doctors, not one a doctor a day. The availability may trail a booking by a moment
    /// (booking such a slot is refused as taken); one doctor's own slots come from their schedule days instead.
    /// </summary>
    public async Task<IReadOnlyList<(DoctorProfile Doctor, Slot[] Free)>> FreeSlotsAcross(IReadOnlyList<DoctorProfile> doctors, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(doctors);
        var now = Clock.GetCurrentInstant();
        var earliest = Instant.Max(from, now + Policy.MinNotice);
        var wanted = doctors.SelectMany((doctor, i) => ScheduleDays(doctor, from, to).Select(d => (Index: i, d.Day, d.Slots))).ToArray();
        var answers = await Task.WhenAll(wanted.GroupBy(w => w.Day).Select(async date =>
        {
            var asked = date.ToArray();
            var claims = await StringKeyGrains.Get<IClinicDayAvailabilityGrain>(Grains, ClinicDayKey.Format(date.Key))
                .GetClaims(new([.. asked.Select(w => doctors[w.Index].Id)]));
            return asked.Zip(claims.Value, (w, c) => (w.Index, w.Day, w.Slots, Claims: c));
        }));

        var free = new List<Slot>[doctors.Count];
        foreach (var (index, _, slots, claims) in answers.SelectMany(a => a).OrderBy(a => a.Day))
        {
            (free[index] ??= []).AddRange(Domain.Scheduling.FreeSlots.Among(slots, claims.TakenAt(now), earliest, to));
        }

        return [.. doctors.Select((doctor, i) => (doctor, free[i] is { } slots ? slots.ToArray() : []))];
    }

    // The local days of [from, to), with their slots, that offer the doctor a slot after the booking notice: weekends, days off, leave and
    // days already past cost no call, and nothing does while the doctor is unavailable. A search is mostly this fan-out.
    private List<(LocalDate Day, IReadOnlyList<Slot> Slots)> ScheduleDays(DoctorProfile doctor, Instant from, Instant to)
    {
        var days = new List<(LocalDate, IReadOnlyList<Slot>)>();
        if (doctor.Status == DoctorStatus.Unavailable)
        {
            return days;
        }

        var zone = DateTimeZoneProviders.Tzdb[doctor.TimeZone];
        var earliest = Instant.Max(from, Clock.GetCurrentInstant() + Policy.MinNotice);
        // The range ends before `to`: a range ending at midnight does not ask the next day's schedule grain for nothing.
        for (var day = from.InZone(zone).Date; day <= (to - Duration.Epsilon).InZone(zone).Date; day = day.PlusDays(1))
        {
            var slots = doctor.SlotsOn(day);
            if (slots.Any(s => s.Start >= earliest && s.Start < to))
            {
                days.Add((day, slots));
            }
        }

        return days;
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
