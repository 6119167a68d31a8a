using Orleans.Concurrency;

namespace OrleansClinic.Tiering;

/// <summary>The archive as the gateway reaches it. Use key 0.</summary>
public interface IArchiveDeskGrain : IGrainWithIntegerKey
{
    /// <summary>The patient's archived appointments for an access request (cold batches are asked to be restored).</summary>
    [ReadOnly]
    Task<ArchivedAppointments> ArchivedAppointments(string patientId);
}
