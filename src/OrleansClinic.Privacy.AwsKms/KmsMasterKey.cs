using System.Buffers.Binary;
using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace OrleansClinic.Privacy.AwsKms;

/// <summary>
/// The production master key: data keys are wrapped by AWS KMS <c>Encrypt</c> and recovered by <c>Decrypt</c>, bound to
/// the patient id through the encryption context, so the key-encryption keys never leave KMS.
/// </summary>
/// <remarks>
/// Blob layout: format byte (2), version (int32, big-endian), KMS ciphertext blob. The version names the configured KMS
/// key to ask on <c>Decrypt</c>; editing it gets KMS's refusal, because the ciphertext blob records its own key.
/// </remarks>
public sealed class KmsMasterKey : IMasterKey, IDisposable
{
    /// <summary>The encryption-context key under which the patient id is sent to KMS (and written to CloudTrail).</summary>
    public const string ContextKey = "orleansclinic:patient";

    private const byte Format = 2;
    private const int HeaderSize = 1 + sizeof(int);
    private const int DataKeySize = 32;

    private readonly IAmazonKeyManagementService kms;
    private readonly Dictionary<int, string> keys;
    private readonly bool ownsClient;

    /// <summary>
    /// Wraps under <paramref name="options"/>' keys through <paramref name="kms"/>, which this disposes only when
    /// <paramref name="ownsClient"/> (a client from the container is the container's to dispose).
    /// </summary>
    public KmsMasterKey(IAmazonKeyManagementService kms, KmsMasterKeyOptions options, bool ownsClient = false)
    {
        ArgumentNullException.ThrowIfNull(kms);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Keys.ContainsKey(options.CurrentVersion))
        {
            throw new ArgumentException($"No KMS key is configured for the current version {options.CurrentVersion}.", nameof(options));
        }

        this.kms = kms;
        this.ownsClient = ownsClient;
        keys = new Dictionary<int, string>(options.Keys);
        CurrentVersion = options.CurrentVersion;
    }

    /// <inheritdoc />
    public int CurrentVersion { get; }

    /// <summary>The versions this master key can unwrap.</summary>
    public IReadOnlyCollection<int> Versions => keys.Keys;

    /// <inheritdoc />
    public async ValueTask<WrappedDataKey> WrapAsync(ReadOnlyMemory<byte> dataKey, string context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (dataKey.Length != DataKeySize)
        {
            throw new ArgumentException($"Data keys are {DataKeySize} bytes.", nameof(dataKey));
        }

        var plaintext = dataKey.ToArray();
        try
        {
            using var plaintextStream = new MemoryStream(plaintext, writable: false);
            var response = await kms.EncryptAsync(
                new EncryptRequest { KeyId = keys[CurrentVersion], Plaintext = plaintextStream, EncryptionContext = EncryptionContext(context) },
                cancellationToken);
            var ciphertext = response.CiphertextBlob.ToArray();
            var blob = new byte[HeaderSize + ciphertext.Length];
            blob[0] = Format;
            BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(1, sizeof(int)), CurrentVersion);
            ciphertext.CopyTo(blob, HeaderSize);
            return new WrappedDataKey(CurrentVersion, blob);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// KMS refusing the blob (wrong context, tampering, a disabled, deleted or forbidden key) throws
    /// <see cref="CryptographicException"/>; throttling, server and network errors propagate unchanged so callers retry.
    /// </remarks>
    public async ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrappedKey, string context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (wrappedKey.Length <= HeaderSize || wrappedKey.Span[0] != Format)
        {
            throw new CryptographicException("The wrapped data key is not in the KMS master key's format.");
        }

        var version = BinaryPrimitives.ReadInt32BigEndian(wrappedKey.Span.Slice(1, sizeof(int)));
        if (!keys.TryGetValue(version, out var keyId))
        {
            throw new CryptographicException($"The data key is wrapped under KMS key version {version}, which is no longer configured.");
        }

        DecryptResponse response;
        try
        {
            using var ciphertext = new MemoryStream(wrappedKey[HeaderSize..].ToArray(), writable: false);
            response = await kms.DecryptAsync(
                new DecryptRequest { KeyId = keyId, CiphertextBlob = ciphertext, EncryptionContext = EncryptionContext(context) },
                cancellationToken);
        }
        catch (AmazonKeyManagementServiceException e) when (IsRefusal(e))
        {
            throw new CryptographicException($"KMS refused to unwrap the data key under KMS key version {version} ({e.ErrorCode}).", e);
        }

        using var plaintext = response.Plaintext;
        var dataKey = plaintext.ToArray();
        Wipe(plaintext);
        if (dataKey.Length != DataKeySize)
        {
            CryptographicOperations.ZeroMemory(dataKey);
            throw new CryptographicException($"KMS returned a {dataKey.Length}-byte data key; data keys are {DataKeySize} bytes.");
        }

        return dataKey;
    }

    /// <summary>Disposes the KMS client when this master key owns it.</summary>
    public void Dispose()
    {
        if (ownsClient)
        {
            kms.Dispose();
        }
    }

    // The SDK also held the key as base64 text, which cannot be wiped; this clears the bytes it decoded.
    private static void Wipe(MemoryStream stream)
    {
        if (stream.TryGetBuffer(out var buffer))
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan());
        }
        else if (stream.CanWrite)
        {
            stream.Position = 0;
            stream.Write(new byte[stream.Length]);
        }
    }

    private static Dictionary<string, string> EncryptionContext(string context) => new(StringComparer.Ordinal) { [ContextKey] = context };

    // Answers that will not change on retry: the blob, its context or the key is wrong. AccessDeniedException has no
    // model class in the KMS SDK and arrives as its error code.
    private static bool IsRefusal(AmazonKeyManagementServiceException e) =>
        e is InvalidCiphertextException or IncorrectKeyException or NotFoundException or KMSInvalidStateException or DisabledException
        || e.ErrorCode == "AccessDeniedException";
}
