namespace OrleansClinic.Grains.Abstractions.Patients;

/// <summary>
/// A patient's erasure request (APP 11), keyed by patient id: cancels their upcoming appointments, dates their last
/// service, then has the patient erase what retention allows. Every step is repeatable, so a retried request finishes
/// what an interrupted one began.
/// </summary>
public interface IErasureRequestGrain : IGrainWithStringKey
{
    /// <summary>Carries out the request on behalf of <paramref name="by"/>; null when the patient is not registered.</summary>
    Task<ErasureOutcome?> Request(DetailsAccess by);
}
