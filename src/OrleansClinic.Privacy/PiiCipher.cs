using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime.Serialization.SystemTextJson;

namespace OrleansClinic.Privacy;

/// <summary>
/// Envelope encryption of one patient's record: a fresh random data key per seal, AES-256-GCM over the record's JSON
/// with the patient id as associated data, and the data key wrapped by the <see cref="IMasterKey"/>.
/// </summary>
public sealed class PiiCipher
{
    private const int DataKeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // The purpose prefix keeps these ciphertexts from ever authenticating under another use of the same id.
    private const string AssociatedDataPrefix = "orleansclinic/patient-pii/v1\0";

    private static readonly JsonSerializerOptions Json = CreateJson();

    private readonly IMasterKey masterKey;

    /// <summary>Creates a cipher whose data keys <paramref name="masterKey"/> wraps.</summary>
    public PiiCipher(IMasterKey masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        this.masterKey = masterKey;
    }

    /// <summary>Encrypts <paramref name="pii"/> for <paramref name="patientId"/> under a data key made for this call alone.</summary>
    public async ValueTask<SealedPii> SealAsync(string patientId, PatientPii pii, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(pii);
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(pii, Json);
        var dataKey = RandomNumberGenerator.GetBytes(DataKeySize);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(NonceSize);
            var ciphertext = new byte[plaintext.Length + TagSize];
            using (var aes = new AesGcm(dataKey, TagSize))
            {
                aes.Encrypt(nonce, plaintext, ciphertext.AsSpan(0, plaintext.Length), ciphertext.AsSpan(plaintext.Length), AssociatedData(patientId));
            }

            var wrapped = await masterKey.WrapAsync(dataKey, patientId, cancellationToken);
            return new SealedPii(wrapped.Version, wrapped.Blob, nonce, ciphertext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Decrypts a record sealed for <paramref name="patientId"/>; throws <see cref="CryptographicException"/> if it was
    /// sealed for another patient, altered, or wrapped under a master-key version no longer held.
    /// </summary>
    public async ValueTask<PatientPii> OpenAsync(string patientId, SealedPii sealedPii, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(sealedPii);
        if (sealedPii.Nonce.Length != NonceSize || sealedPii.Ciphertext.Length < TagSize)
        {
            throw new CryptographicException("The sealed record is malformed.");
        }

        var dataKey = await masterKey.UnwrapAsync(sealedPii.WrappedKey, patientId, cancellationToken);
        var plaintext = new byte[sealedPii.Ciphertext.Length - TagSize];
        try
        {
            using (var aes = new AesGcm(dataKey, TagSize))
            {
                aes.Decrypt(
                    sealedPii.Nonce,
                    sealedPii.Ciphertext.AsSpan(0, plaintext.Length),
                    sealedPii.Ciphertext.AsSpan(plaintext.Length),
                    plaintext,
                    AssociatedData(patientId));
            }

            return JsonSerializer.Deserialize<PatientPii>(plaintext, Json)
                ?? throw new CryptographicException("The sealed record decrypted to nothing.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Re-wraps the record's data key under the current master-key version; the ciphertext is left as it is.</summary>
    public async ValueTask<WrappedDataKey> RewrapAsync(string patientId, byte[] wrappedKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentNullException.ThrowIfNull(wrappedKey);
        var dataKey = await masterKey.UnwrapAsync(wrappedKey, patientId, cancellationToken);
        try
        {
            return await masterKey.WrapAsync(dataKey, patientId, cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private static byte[] AssociatedData(string patientId) => Encoding.UTF8.GetBytes(AssociatedDataPrefix + patientId);

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(NodaConverters.LocalDateConverter);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
