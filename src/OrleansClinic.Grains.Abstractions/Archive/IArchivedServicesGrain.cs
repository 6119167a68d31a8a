using NodaTime;
using Orleans.Concurrency;

namespace OrleansClinic.Grains.Abstractions.Archive;

/// <summary>What the archive index says of a patient's care, for decisions that must count archived appointments too. Use key 0.</summary>
public interface IArchivedServicesGrain : IGrainWithIntegerKey
{
    /// <summary>When the patient's latest archived appointment that was checked in or completed ended; null if none.</summary>
    [ReadOnly]
    Task<Instant?> LastServiceEnd(string patientId);
}
