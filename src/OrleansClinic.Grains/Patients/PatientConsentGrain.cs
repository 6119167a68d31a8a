using NodaTime;
using OrleansClinic.Domain.Privacy;
using OrleansClinic.Grains.Abstractions;
using OrleansClinic.Grains.Abstractions.Patients;
using OrleansClinic.Grains.Abstractions.Storage;
using OrleansClinic.Grains.Events;

namespace OrleansClinic.Grains.Patients;

/// <summary>A patient's consent history: the ledger rule applied, the new decision stored with its event.</summary>
public sealed class PatientConsentGrain(
    [PersistentState(ClinicStorage.PatientConsent, ClinicStorage.ProviderName)] IPersistentState<PatientConsentState> state,
    IClock clock) : Grain, IPatientConsentGrain
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ConsentView>> History() =>
        Task.FromResult<IReadOnlyList<ConsentView>>([.. state.State.History.Select(View)]);

    /// <inheritdoc />
    public async Task<ConsentChange> Set(string purpose, bool granted, int policyVersion)
    {
        var parsed = ConsentPurposes.Parse(purpose) ?? throw new ArgumentException($"Unknown consent purpose '{purpose}'.", nameof(purpose));
        ArgumentOutOfRangeException.ThrowIfLessThan(policyVersion, 1);
        var ledger = new ConsentLedger(state.State.History.Select(ToRecord));
        var now = clock.GetCurrentInstant();
        var record = new ConsentRecord(parsed, granted, policyVersion, now, ClinicRequestContext.Actor);
        if (!ledger.Record(record))
        {
            return new ConsentChange(false, View(state.State.History.Last(e => e.Purpose == purpose)));
        }

        var entry = new ConsentEntry { Purpose = purpose, Granted = granted, PolicyVersion = policyVersion, At = now, Actor = record.Actor };
        state.State.History.Add(entry);
        var patientId = this.GetPrimaryKeyString();
        state.State.PendingEvents.Add(ClinicEventFactory.Create(
            granted ? "consent.granted" : "consent.withdrawn", patientId, now, new { patientId, purpose, policyVersion }));
        await this.SaveAsync(state);
        return new ConsentChange(true, View(entry));
    }

    private static ConsentView View(ConsentEntry e) => new(e.Purpose, e.Granted, e.PolicyVersion, e.At, e.Actor);

    private static ConsentRecord ToRecord(ConsentEntry e) =>
        new(ConsentPurposes.Parse(e.Purpose) ?? throw new InvalidOperationException($"Stored consent purpose '{e.Purpose}' is unknown."), e.Granted, e.PolicyVersion, e.At, e.Actor);
}
