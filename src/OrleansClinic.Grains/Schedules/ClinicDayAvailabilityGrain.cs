using Microsoft.Extensions.Options;
using NodaTime;
using OrleansClinic.Grains.Abstractions.Schedules;

namespace OrleansClinic.Grains.Schedules;

/// <summary>
/// The search's copy of every doctor's taken slots on one date. Reentrant: a search waiting on schedule days it does not
/// know yet must not hold up the updates and other searches behind it, and each turn's change to the copy is whole.
/// Nothing here is stored: after a restart the copy is asked for again, a doctor at a time, as searches need it.
/// </summary>
[Reentrant]
public sealed class ClinicDayAvailabilityGrain(IOptions<ClinicDayAvailabilityOptions> options, IClock clock) : Grain, IClinicDayAvailabilityGrain
{
    private readonly Dictionary<string, Known> doctors = new(StringComparer.Ordinal);
    private LocalDate date;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        date = ClinicDayKey.Parse(this.GetPrimaryKeyString());
        var period = options.Value.RefreshPeriod;
        // Not kept alive by it: an idle day is collected, and the next search asks again.
        this.RegisterGrainTimer(Refresh, new GrainTimerCreationOptions(period, period) { Interleave = true, KeepAlive = false });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<Immutable<ScheduleDayClaims[]>> GetClaims(Immutable<string[]> doctorIds)
    {
        var unknown = doctorIds.Value.Where(id => !doctors.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            await Ask(unknown);
        }

        return new([.. doctorIds.Value.Select(id => doctors[id].Claims)]);
    }

    /// <inheritdoc />
    public Task Update(ScheduleDayClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (claims.Date != date)
        {
            throw new ArgumentException($"These are {claims.Date}'s claims, not {date}'s.", nameof(claims));
        }

        Keep(claims);
        return Task.CompletedTask;
    }

    // Doctors not heard from for a period are asked again, off the search's path, so a lost update stands a period at most.
    private Task Refresh(CancellationToken cancellationToken)
    {
        var stale = clock.GetCurrentInstant() - Duration.FromTimeSpan(options.Value.RefreshPeriod);
        var quiet = doctors.Where(d => d.Value.HeardAt <= stale).Select(d => d.Key).ToArray();
        return quiet.Length == 0 ? Task.CompletedTask : Ask(quiet);
    }

    private async Task Ask(IReadOnlyCollection<string> doctorIds)
    {
        var answers = await Task.WhenAll(doctorIds.Select(id => GrainFactory.GetGrain<IDoctorScheduleGrain>(ScheduleDayKey.Format(id, date)).GetClaims()));
        foreach (var claims in answers)
        {
            Keep(claims);
        }
    }

    // An answer asked for before an update can arrive after it: the higher revision wins, an equal one is fresh news.
    private void Keep(ScheduleDayClaims claims)
    {
        if (!doctors.TryGetValue(claims.DoctorId, out var known) || claims.Revision >= known.Claims.Revision)
        {
            doctors[claims.DoctorId] = new Known(claims, clock.GetCurrentInstant());
        }
    }

    private sealed record Known(ScheduleDayClaims Claims, Instant HeardAt);
}
