using System.Collections.Frozen;
using NodaTime;

namespace OrleansClinic.Privacy;

/// <summary>
/// The PII vault of the embedded clinic: the same sealing, blind indexes and access log as <see cref="PostgresPiiVault"/>,
/// held in process memory and gone with it, like the rest of the embedded clinic's state.
/// </summary>
public sealed class InMemoryPiiVault(IMasterKey masterKey, BlindIndex blindIndex, IClock clock) : IPiiVault
{
    private static readonly FrozenSet<string> NoTokens = FrozenSet<string>.Empty;

    private readonly PiiCipher cipher = new(masterKey);
    private readonly Lock sync = new();
    private readonly Dictionary<string, Entry> records = new(StringComparer.Ordinal);
    private readonly List<(string PatientId, PiiAccessRecord Record)> log = [];
    private readonly List<DeletedRecord> register = [];

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> StoreAsync(string patientId, PatientPii pii, PiiAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(pii);
        ArgumentNullException.ThrowIfNull(access);
        access.Validate();
        var sealedPii = await cipher.SealAsync(patientId, pii, cancellationToken);
        Entry? previous;
        lock (sync)
        {
            records.TryGetValue(patientId, out previous);
            if (previous is { Sealed: null })
            {
                throw new PiiShreddedException($"Patient {patientId}'s personal information has been shredded; it is not stored again under the same id.");
            }
        }

        // Opened outside the lock (unwrapping may await a master key); a concurrent writer of the same patient is the
        // patient's grain, which never runs two writes at once.
        var before = previous?.Sealed is { } old ? await cipher.OpenAsync(patientId, old, cancellationToken) : null;
        var fields = before?.ChangedFields(pii) ?? [];
        lock (sync)
        {
            records[patientId] = Indexed(sealedPii, pii);
            Log(patientId, previous is null ? PiiAction.Store : PiiAction.Correct, access, fields);
        }

        return fields;
    }

    /// <inheritdoc />
    public async Task<PatientPii?> ReadAsync(string patientId, PiiAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(access);
        access.Validate();
        SealedPii? sealedPii;
        lock (sync)
        {
            Log(patientId, PiiAction.Read, access, []);
            sealedPii = records.TryGetValue(patientId, out var entry) ? entry.Sealed : null;
        }

        return sealedPii is null ? null : await cipher.OpenAsync(patientId, sealedPii, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindByEmailAsync(string email, PiiAccess access, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(blindIndex.ForEmail(email), e => e.EmailIndex, "email", access));

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindByPhoneAsync(string phone, PiiAccess access, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(blindIndex.ForPhone(phone), e => e.PhoneIndex, "phone", access));

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindByNameAsync(string name, PiiAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(access);
        access.Validate();
        var tokens = blindIndex.ForName(name).Select(Convert.ToHexString).ToList();
        if (tokens.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        lock (sync)
        {
            IReadOnlyList<string> ids =
                [.. records.Where(r => tokens.All(r.Value.NameTokens.Contains)).Select(r => r.Key).Order(StringComparer.Ordinal).Take(IPiiVault.MaxNameMatches)];
            foreach (var id in ids)
            {
                Log(id, PiiAction.Lookup, access, ["name"]);
            }

            return Task.FromResult(ids);
        }
    }

    /// <summary>Nothing to index: every record here was stored with its name tokens.</summary>
    public Task<int> IndexNamesAsync(int batchSize = 100, CancellationToken cancellationToken = default) => Task.FromResult(0);

    /// <inheritdoc />
    public Task<bool> ShredAsync(string patientId, PiiAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(access);
        access.Validate();
        lock (sync)
        {
            if (records.TryGetValue(patientId, out var entry) && entry.Sealed is null)
            {
                return Task.FromResult(false);
            }

            records[patientId] = new Entry(null, null, null, NoTokens);
            Log(patientId, PiiAction.Shred, access, []);
            register.Add(new DeletedRecord(patientId, DeletedRecord.PersonalDetails, DeletedRecord.HotTier, access.Purpose, clock.GetCurrentInstant()));
            return Task.FromResult(true);
        }
    }

    /// <summary>
    /// Every patient's access log after position <paramref name="after"/> (0 for the start), at most
    /// <paramref name="max"/> entries, each with its position (from 1): what the audit trail seals.
    /// </summary>
    public IReadOnlyList<(long Position, string PatientId, PiiAccessRecord Record)> ReadAccessLog(long after, int max)
    {
        lock (sync)
        {
            return [.. log.Skip((int)Math.Min(after, log.Count)).Take(max).Select((l, i) => (after + i + 1, l.PatientId, l.Record))];
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PiiAccessRecord>> AccessLogAsync(string patientId, CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            return Task.FromResult<IReadOnlyList<PiiAccessRecord>>([.. log.Where(l => l.PatientId == patientId).Select(l => l.Record)]);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> EraseFieldsAsync(
        string patientId, IReadOnlyCollection<string> fields, PiiAccess access, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(access);
        access.Validate();
        Entry? entry;
        lock (sync)
        {
            records.TryGetValue(patientId, out entry);
        }

        if (entry?.Sealed is not { } old)
        {
            return [];
        }

        var before = await cipher.OpenAsync(patientId, old, cancellationToken);
        var remaining = before.Without(fields);
        var erased = before.ChangedFields(remaining);
        if (erased.Count == 0)
        {
            return [];
        }

        var sealedPii = await cipher.SealAsync(patientId, remaining, cancellationToken);
        lock (sync)
        {
            records[patientId] = Indexed(sealedPii, remaining);
            Log(patientId, PiiAction.Erase, access, erased);
            var now = clock.GetCurrentInstant();
            register.AddRange(erased.Select(f => new DeletedRecord(patientId, DeletedRecord.PersonalDetailsField(f), DeletedRecord.HotTier, access.Purpose, now)));
        }

        return erased;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeletedRecord>> DeletionsAsync(string clientId, CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            return Task.FromResult<IReadOnlyList<DeletedRecord>>([.. register.Where(r => r.ClientId == clientId)]);
        }
    }

    /// <summary>Nothing to rewrap: the embedded clinic's master key lives and dies with the process.</summary>
    public Task<int> RewrapAsync(int batchSize = 500, CancellationToken cancellationToken = default) => Task.FromResult(0);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<int, long>> CountByKeyVersionAsync(CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            IReadOnlyDictionary<int, long> counts = records.Values.Where(e => e.Sealed is not null)
                .GroupBy(e => e.Sealed!.KeyVersion).ToDictionary(g => g.Key, g => g.LongCount());
            return Task.FromResult(counts);
        }
    }

    private IReadOnlyList<string> Find(byte[]? index, Func<Entry, byte[]?> column, string field, PiiAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        access.Validate();
        if (index is null)
        {
            return [];
        }

        lock (sync)
        {
            IReadOnlyList<string> ids = [.. records.Where(r => column(r.Value) is { } value && value.AsSpan().SequenceEqual(index)).Select(r => r.Key).Order(StringComparer.Ordinal)];
            foreach (var id in ids)
            {
                Log(id, PiiAction.Lookup, access, [field]);
            }

            return ids;
        }
    }

    private Entry Indexed(SealedPii sealedPii, PatientPii pii) => new(
        sealedPii,
        blindIndex.ForEmail(pii.Email),
        blindIndex.ForPhone(pii.Phone),
        blindIndex.ForName(pii.GivenNames, pii.FamilyName).Select(Convert.ToHexString).ToFrozenSet());

    private void Log(string patientId, PiiAction action, PiiAccess access, IReadOnlyList<string> fields) =>
        log.Add((patientId, new PiiAccessRecord(clock.GetCurrentInstant(), action, access, fields)));

    /// <summary>A sealed record and its indexes (name tokens in hex); all null or empty once shredded (the tombstone).</summary>
    private sealed record Entry(SealedPii? Sealed, byte[]? EmailIndex, byte[]? PhoneIndex, FrozenSet<string> NameTokens);
}
