using OrleansClinic.Grains.Abstractions.Schedules;

namespace OrleansClinic.Grains.Tests;

/// <summary>
/// Fault injection: fails the schedule days' updates to the clinic's day availability for one armed doctor before they
/// leave the silo, so the update is lost (Orleans wants a filter to invoke or throw, not to swallow a call).
/// </summary>
public sealed class AvailabilityUpdateFault : IOutgoingGrainCallFilter
{
    private static volatile string? armed;

    /// <summary>Fails every update about <paramref name="doctorId"/> until <see cref="Disarm"/>.</summary>
    public static void Arm(string doctorId) => armed = doctorId;

    /// <summary>Lets updates through again.</summary>
    public static void Disarm() => armed = null;

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        var lost = armed is { } doctor
            && context.InterfaceMethod.Name == nameof(IClinicDayAvailabilityGrain.Update)
            && context.Request.GetArgument(0) is ScheduleDayClaims claims
            && claims.DoctorId == doctor;
        return lost ? throw new InvalidOperationException("The test lost this update.") : context.Invoke();
    }
}
