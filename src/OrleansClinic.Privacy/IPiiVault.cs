namespace OrleansClinic.Privacy;

/// <summary>
/// The only place patients' personal information is kept: sealed per record, findable by blind index, erasable by
/// shredding. Every store, read and shred names who and why, and is written to the patient's access log with it.
/// </summary>
public interface IPiiVault
{
    /// <summary>Most patients a name search answers, the first in id order: a name shared by more needs more of it.</summary>
    public const int MaxNameMatches = 20;

    /// <summary>
    /// Seals and stores <paramref name="pii"/> for <paramref name="patientId"/>, replacing any earlier record under a new
    /// data key, and returns the names of the fields that changed (none for a first record).
    /// </summary>
    /// <exception cref="PiiShreddedException">The patient's record was shredded; erased patients are not re-filled under the same id.</exception>
    Task<IReadOnlyList<string>> StoreAsync(string patientId, PatientPii pii, PiiAccess access, CancellationToken cancellationToken = default);

    /// <summary>The patient's record, or null when none was stored or it has been shredded; the attempt is logged either way.</summary>
    Task<PatientPii?> ReadAsync(string patientId, PiiAccess access, CancellationToken cancellationToken = default);

    /// <summary>Ids of the patients whose email normalises to the same as <paramref name="email"/>, in id order; each match is logged as a lookup.</summary>
    Task<IReadOnlyList<string>> FindByEmailAsync(string email, PiiAccess access, CancellationToken cancellationToken = default);

    /// <summary>Ids of the patients whose phone normalises to the same as <paramref name="phone"/>, in id order; each match is logged as a lookup.</summary>
    Task<IReadOnlyList<string>> FindByPhoneAsync(string phone, PiiAccess access, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ids of the live patients whose given and family names hold every token of <paramref name="name"/> (in any order,
    /// case and accents: <see cref="NameTokens"/>), at most <see cref="MaxNameMatches"/> in id order; each match is
    /// logged as a lookup of <c>name</c>.
    /// </summary>
    Task<IReadOnlyList<string>> FindByNameAsync(string name, PiiAccess access, CancellationToken cancellationToken = default);

    /// <summary>
    /// Indexes the names of live records that have no name tokens (stored before the name index existed),
    /// <paramref name="batchSize"/> records per transaction, and returns how many it indexed. Each record opened is
    /// logged as a read by the vault. Safe to rerun and to run on several silos at once.
    /// </summary>
    Task<int> IndexNamesAsync(int batchSize = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases the patient's record by destroying its wrapped data key, ciphertext and indexes (name tokens included),
    /// leaving a tombstone that records when, and writes the register of deleted records. Returns false when the
    /// patient was already shredded.
    /// </summary>
    Task<bool> ShredAsync(string patientId, PiiAccess access, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the named optional fields (<see cref="PatientPii.ErasableFields"/>) from the patient's record and returns
    /// those that held a value. Each one removed is written to the register of deleted records, with the access-log
    /// entry, in the same transaction. Nothing happens to a record that is missing or shredded.
    /// </summary>
    Task<IReadOnlyList<string>> EraseFieldsAsync(string patientId, IReadOnlyCollection<string> fields, PiiAccess access, CancellationToken cancellationToken = default);

    /// <summary>The register of deleted records for <paramref name="clientId"/>, oldest first; never purged.</summary>
    Task<IReadOnlyList<DeletedRecord>> DeletionsAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>The patient's access log, oldest first. It outlives a shred: it holds ids, reasons and field names only.</summary>
    Task<IReadOnlyList<PiiAccessRecord>> AccessLogAsync(string patientId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-wraps every data key still under an older master-key version to the current one, <paramref name="batchSize"/>
    /// records per transaction, and returns how many it re-wrapped. Safe to rerun and to run while the vault serves reads.
    /// </summary>
    Task<int> RewrapAsync(int batchSize = 500, CancellationToken cancellationToken = default);

    /// <summary>How many live records each master-key version wraps: a version absent here can be retired.</summary>
    Task<IReadOnlyDictionary<int, long>> CountByKeyVersionAsync(CancellationToken cancellationToken = default);
}
