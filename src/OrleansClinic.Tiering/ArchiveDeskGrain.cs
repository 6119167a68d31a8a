using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Concurrency;
using OrleansClinic.Grains.Abstractions.Archive;

namespace OrleansClinic.Tiering;

/// <summary>Reads the archive where it is (the silos); holds nothing. The embedded clinic has no archive: nothing was tiered.</summary>
[StatelessWorker]
public sealed class ArchiveDeskGrain(IServiceProvider services) : Grain, IArchiveDeskGrain, IArchivedServicesGrain
{
    private readonly ArchivedAppointmentReader? reader = services.GetService<ArchivedAppointmentReader>();

    /// <inheritdoc />
    public Task<ArchivedAppointments> ArchivedAppointments(string patientId) =>
        reader?.ForPatientAsync(patientId) ?? Task.FromResult(Tiering.ArchivedAppointments.None);

    /// <inheritdoc />
    public Task<Instant?> LastServiceEnd(string patientId) => reader?.LastServiceEndAsync(patientId) ?? Task.FromResult<Instant?>(null);
}
