using Microsoft.Extensions.Logging;
using OrleansClinic.Grains.Abstractions.Doctors;
using OrleansClinic.Grains.Abstractions.Patients;

namespace OrleansClinic.Hosting.StartupTasks;

/// <summary>Seeds the <see cref="DemoClinic"/> when a silo starts; every step is idempotent, so any silo may run it.</summary>
public sealed partial class DemoClinicSeeder(IGrainFactory grains, ILogger<DemoClinicSeeder> logger) : IStartupTask
{
    private static readonly DetailsAccess SeedAccess = new("system:demo-seed", "system", "demo data");

    /// <inheritdoc />
    public async Task Execute(CancellationToken cancellationToken)
    {
        foreach (var (id, doctor) in DemoClinic.Doctors)
        {
            await grains.GetGrain<IDoctorGrain>(id).Create(doctor);
        }

        foreach (var (id, details) in DemoClinic.Patients)
        {
            await grains.GetGrain<IPatientGrain>(id).Register(details, SeedAccess);
        }

        LogSeeded(DemoClinic.Doctors.Count, DemoClinic.Patients.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo clinic ready: {Doctors} doctors, {Patients} patients")]
    private partial void LogSeeded(int doctors, int patients);
}
