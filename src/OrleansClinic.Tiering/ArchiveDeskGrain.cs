using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace OrleansClinic.Tiering;

/// <summary>Reads the archive where it is (the silos); holds nothing. The embedded clinic has no archive: nothing was tiered.</summary>
[StatelessWorker]
public sealed class ArchiveDeskGrain(IServiceProvider services) : Grain, IArchiveDeskGrain
{
    private readonly ArchivedAppointmentReader? reader = services.GetService<ArchivedAppointmentReader>();

    /// <inheritdoc />
    public Task<ArchivedAppointments> ArchivedAppointments(string patientId) =>
        reader?.ForPatientAsync(patientId) ?? Task.FromResult(Tiering.ArchivedAppointments.None);
}
