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
    public async Task<IReadOnlyList<IReadOnlyList<Slot>>> FreeSlotsAcross(IReadOnlyList<DoctorProfile> doctors, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(doctors);
        var now = Clock.GetCurrentInstant();
        var earliest = Instant.Max(from, now + Policy.MinNotice);
        var dates = new SortedDictionary<LocalDate, List<(int Doctor, IReadOnlyList<Slot> Slots)>>();
        for (var i = 0; i < doctors.Count; i++)
        {
            foreach (var (day, slots) in ScheduleDays(doctors[i], from, to))
            {
                if (!dates.TryGetValue(day, out var asked))
                {
                    dates[day] = asked = [];
                }

                asked.Add((i, slots));
            }
        }

        var claims = await Task.WhenAll(dates.Select(date => StringKeyGrains.Get<IClinicDayAvailabilityGrain>(Grains, ClinicDayKey.Format(date.Key))
            .GetClaims(new([.. date.Value.Select(w => doctors[w.Doctor].Id)]))));

        // Dates in order, so each doctor's slots arrive earliest first.
        var free = new List<Slot>[doctors.Count];
        var d = 0;
        foreach (var asked in dates.Values)
        {
            var answer = claims[d++].Value;
            for (var k = 0; k < asked.Count; k++)
            {
                var (doctor, slots) = asked[k];
                Domain.Scheduling.FreeSlots.AddTo(free[doctor] ??= new List<Slot>(slots.Count), slots, answer[k].TakenAt(now), earliest, to);
            }
        }

        return [.. free.Select(f => (IReadOnlyList<Slot>?)f ?? [])];
    }

    // The local days of [from, to), with their slots, that offer the doctor a slot after the booking notice: weekends,
    // days off, leave and days already past are asked nothing, and no day is while the doctor is unavailable.
    private List<(LocalDate Day, IReadOnlyList<Slot> Slots)> ScheduleDays(DoctorProfile doctor, Instant from, Instant to)
    {
        var days = new List<(LocalDate, IReadOnlyList<Slot>)>();
        if (doctor.Status == DoctorStatus.Unavailable)
        {
            return days;
        }

        var zone = DateTimeZoneProviders.Tzdb[doctor.TimeZone];
        var earliest = Instant.Max(from, Clock.GetCurrentInstant() + Policy.MinNotice);
        // The range ends before `to`: a range ending at midnight does not ask about the next day for nothing.
        for (var day = from.InZone(zone).Date; day <= (to - Duration.Epsilon).InZone(zone).Date; day = day.PlusDays(1))
        {
            var slots = ProfileDaySlots.On(doctor, day);
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
