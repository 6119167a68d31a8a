using Orleans.Concurrency;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Privacy;

namespace OrleansClinic.Grains.Patients;

/// <summary>Blind-index lookups run where the vault is (the silos), on any of them: the grain holds nothing.</summary>
[StatelessWorker]
public sealed class PatientLookupGrain(IPiiVault vault) : Grain, IPatientLookupGrain
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindByEmail(string email, DetailsAccess by) => vault.FindByEmailAsync(email, by.ToPiiAccess());

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindByPhone(string phone, DetailsAccess by) => vault.FindByPhoneAsync(phone, by.ToPiiAccess());

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindByName(string name, DetailsAccess by) => vault.FindByNameAsync(name, by.ToPiiAccess());
}
