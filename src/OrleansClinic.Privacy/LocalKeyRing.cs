using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OrleansClinic.Privacy;

/// <summary>
/// A master key held in process memory: versioned 256-bit keys, wrapping with AES-256-GCM. For development, tests and the
/// embedded mode only; production wraps with AWS KMS so the master key never leaves the HSM.
/// </summary>
/// <remarks>
/// Blob layout: format byte (1), version (int32, big-endian), nonce (12), tag (16), wrapped key (32). The format byte
/// and version are authenticated with the context, so neither can be edited to point the blob at another key or record.
/// </remarks>
public sealed class LocalKeyRing : IMasterKey
{
    /// <summary>Length in bytes of master keys and of the data keys they wrap.</summary>
    public const int KeySize = 32;

    private const byte Format = 1;
    private const int HeaderSize = 1 + sizeof(int);
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int BlobSize = HeaderSize + NonceSize + TagSize + KeySize;

    private readonly Dictionary<int, byte[]> keys;

    /// <summary>Creates a ring holding <paramref name="keys"/> (version → 32-byte key) that wraps under <paramref name="currentVersion"/>.</summary>
    public LocalKeyRing(IReadOnlyDictionary<int, byte[]> keys, int currentVersion)
    {
        ArgumentNullException.ThrowIfNull(keys);
        this.keys = [];
        foreach (var (version, key) in keys)
        {
            ArgumentNullException.ThrowIfNull(key);
            if (key.Length != KeySize)
            {
                throw new ArgumentException($"Master key version {version} is {key.Length} bytes; it must be {KeySize}.", nameof(keys));
            }

            this.keys[version] = [.. key];
        }

        if (!this.keys.ContainsKey(currentVersion))
        {
            throw new ArgumentException($"The ring holds no key for its current version {currentVersion}.", nameof(currentVersion));
        }

        CurrentVersion = currentVersion;
    }

    /// <inheritdoc />
    public int CurrentVersion { get; }

    /// <summary>The versions this ring can unwrap.</summary>
    public IReadOnlyCollection<int> Versions => keys.Keys;

    /// <summary>Builds a ring from configured base64 keys (see <see cref="KeyRingOptions"/>).</summary>
    public static LocalKeyRing FromOptions(KeyRingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LocalKeyRing(options.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value)), options.CurrentVersion);
    }

    /// <summary>A ring with one freshly generated key, lost with the process: what it wraps is unreadable after a restart.</summary>
    public static LocalKeyRing Ephemeral(int version = 1) =>
        new(new Dictionary<int, byte[]> { [version] = RandomNumberGenerator.GetBytes(KeySize) }, version);

    /// <inheritdoc />
    public ValueTask<WrappedDataKey> WrapAsync(ReadOnlyMemory<byte> dataKey, string context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (dataKey.Length != KeySize)
        {
            throw new ArgumentException($"Data keys are {KeySize} bytes.", nameof(dataKey));
        }

        var blob = new byte[BlobSize];
        blob[0] = Format;
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(1, sizeof(int)), CurrentVersion);
        var nonce = blob.AsSpan(HeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys[CurrentVersion], TagSize);
        aes.Encrypt(nonce, dataKey.Span, blob.AsSpan(HeaderSize + NonceSize + TagSize), blob.AsSpan(HeaderSize + NonceSize, TagSize), AssociatedData(blob, context));
        return ValueTask.FromResult(new WrappedDataKey(CurrentVersion, blob));
    }

    /// <inheritdoc />
    public ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrappedKey, string context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var blob = wrappedKey.Span;
        if (blob.Length != BlobSize || blob[0] != Format)
        {
            throw new CryptographicException("The wrapped data key is not in the local key ring's format.");
        }

        var version = BinaryPrimitives.ReadInt32BigEndian(blob.Slice(1, sizeof(int)));
        if (!keys.TryGetValue(version, out var key))
        {
            throw new CryptographicException($"The data key is wrapped under master key version {version}, which this ring no longer holds.");
        }

        var dataKey = new byte[KeySize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(
            blob.Slice(HeaderSize, NonceSize),
            blob.Slice(HeaderSize + NonceSize + TagSize),
            blob.Slice(HeaderSize + NonceSize, TagSize),
            dataKey,
            AssociatedData(blob, context));
        return ValueTask.FromResult(dataKey);
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> blob, string context)
    {
        var contextBytes = Encoding.UTF8.GetBytes(context);
        var associated = new byte[HeaderSize + contextBytes.Length];
        blob[..HeaderSize].CopyTo(associated);
        contextBytes.CopyTo(associated, HeaderSize);
        return associated;
    }
}
