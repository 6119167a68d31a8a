namespace OrleansClinic.Archive;

/// <summary>
/// The embedded clinic's archive: each object a file under <c>{root}/{prefix}/{key}</c>, in the S3 store's key layout,
/// with a sidecar <c>{key}.archive-meta.json</c> holding its size, SHA-256, storage class and restore state. Storage
/// classes and restores are modelled, so the cold tier's rules can be exercised without S3.
/// </summary>
/// <remarks>
/// Every file is written to a temporary name beside it, flushed, and renamed into place, so a crash leaves an old file
/// or a new one, never half of one. The sidecar is written last: a data file without one is an unfinished put that is
/// neither listed nor read and is replaced by the next put. One process owns a root; puts and restore requests of one
/// store are serialised.
/// </remarks>
public sealed class LocalDirectoryArchiveStore : IArchiveStore, IDisposable
{
    /// <summary>How the sidecar metadata file's name ends; keys cannot end so.</summary>
    public const string MetadataSuffix = ".archive-meta.json";

    private const string TemporarySuffix = ".archive-tmp";

    private readonly string root;
    private readonly TimeSpan restoreDelay;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim writes = new(1, 1);

    /// <summary>A store under <paramref name="options"/>' root and prefix, telling restore times by <paramref name="time"/> (the system clock by default).</summary>
    public LocalDirectoryArchiveStore(ArchiveOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new ArchiveOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        var prefix = options.KeyPrefix.Trim('/');
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(prefix.Length == 0 ? options.RootDirectory : Path.Combine(options.RootDirectory, prefix)));
        restoreDelay = options.RestoreDelay;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>The directory holding the objects: the root directory joined with the key prefix.</summary>
    public string ObjectsDirectory => root;

    /// <inheritdoc />
    public async Task<ArchivePutOutcome> PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        var sha256 = ArchiveChecksum.Sha256Hex(content.Span);
        await writes.WaitAsync(cancellationToken);
        try
        {
            if (await ReadMetadataAsync(key, path, cancellationToken) is { } existing)
            {
                return existing.Size == content.Length && string.Equals(existing.Sha256, sha256, StringComparison.Ordinal)
                    ? ArchivePutOutcome.AlreadyStored
                    : throw new ArchiveKeyConflictException(
                        key, $"Archive object {key} already holds {existing.Size} bytes with SHA-256 {existing.Sha256}; archive objects are never replaced.");
            }

            await WriteAtomicallyAsync(path, content, cancellationToken);
            await WriteAtomicallyAsync(path + MetadataSuffix, new LocalArchiveMetadata(content.Length, sha256, ArchiveStorageClasses.StandardInfrequentAccess).ToJson(), cancellationToken);
            return ArchivePutOutcome.Stored;
        }
        finally
        {
            writes.Release();
        }
    }

    /// <inheritdoc />
    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        var metadata = await ReadMetadataAsync(key, path, cancellationToken)
            ?? throw new ArchiveObjectNotFoundException(key, $"No archive object is stored under {key}.");
        var state = metadata.StateAt(time.GetUtcNow());
        if (state is ArchiveRetrievalState.Archived or ArchiveRetrievalState.RestoreInProgress)
        {
            throw RestoreRequired(key, metadata.StorageClass, state);
        }

        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (FileNotFoundException e)
        {
            throw new ArchiveIntegrityException(key, $"Archive object {key} has metadata but no data file.", e);
        }

        var sha256 = ArchiveChecksum.Sha256Hex(content);
        return content.Length == metadata.Size && string.Equals(sha256, metadata.Sha256, StringComparison.Ordinal)
            ? content
            : throw new ArchiveIntegrityException(
                key, $"Archive object {key} reads as {content.Length} bytes with SHA-256 {sha256}; {metadata.Size} bytes with SHA-256 {metadata.Sha256} were stored.");
    }

    /// <inheritdoc />
    public async Task<ArchiveObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        var metadata = await ReadMetadataAsync(key, PathOf(key), cancellationToken);
        if (metadata is null)
        {
            return null;
        }

        var state = metadata.StateAt(time.GetUtcNow());
        return new ArchiveObjectInfo(
            key, metadata.Size, metadata.Sha256, metadata.StorageClass, state, state == ArchiveRetrievalState.Restored ? metadata.RestoreExpiresAt : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!ArchiveKeys.IsValidPrefix(prefix))
        {
            throw new ArgumentException($"'{prefix}' cannot start an archive key.", nameof(prefix));
        }

        // Walk only the folder the prefix names in full; the rest of it filters names.
        var folder = prefix.LastIndexOf('/') is var slash and >= 0 ? Path.Combine(root, prefix[..slash]) : root;
        if (!Directory.Exists(folder))
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        var keys = Directory.EnumerateFiles(folder, "*" + MetadataSuffix, SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file[..^MetadataSuffix.Length]).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal) && ArchiveKeys.IsValidKey(key))
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<string>>(keys);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        await writes.WaitAsync(cancellationToken);
        try
        {
            // The sidecar goes first: without it the object is gone, even if removing the data file fails.
            File.Delete(path + MetadataSuffix);
            File.Delete(path);
        }
        finally
        {
            writes.Release();
        }
    }

    /// <inheritdoc />
    public async Task RequestRestoreAsync(string key, int days, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var path = PathOf(key);
        await writes.WaitAsync(cancellationToken);
        try
        {
            var metadata = await ReadMetadataAsync(key, path, cancellationToken)
                ?? throw new ArchiveObjectNotFoundException(key, $"No archive object is stored under {key}.");
            var now = time.GetUtcNow();
            var restored = metadata.StateAt(now) switch
            {
                ArchiveRetrievalState.Archived => metadata with { RestoreReadyAt = now + restoreDelay, RestoreExpiresAt = now + restoreDelay + TimeSpan.FromDays(days) },
                // As on S3, asking again for a restored copy keeps it for the days asked from now.
                ArchiveRetrievalState.Restored => metadata with { RestoreExpiresAt = now + TimeSpan.FromDays(days) },
                _ => null,
            };
            if (restored is not null)
            {
                await WriteAtomicallyAsync(path + MetadataSuffix, restored.ToJson(), cancellationToken);
            }
        }
        finally
        {
            writes.Release();
        }
    }

    /// <summary>
    /// Moves the object to <paramref name="storageClass"/> as an S3 lifecycle transition would, dropping any restored
    /// copy: the operations and test hook that puts an object in the cold tier (<c>GLACIER</c>, <c>DEEP_ARCHIVE</c>).
    /// </summary>
    public async Task TransitionAsync(string key, string storageClass, CancellationToken cancellationToken = default)
    {
        if (storageClass is not (ArchiveStorageClasses.Standard or ArchiveStorageClasses.StandardInfrequentAccess
            or ArchiveStorageClasses.GlacierFlexibleRetrieval or ArchiveStorageClasses.DeepArchive))
        {
            throw new ArgumentException($"'{storageClass}' is not a storage class of the archive.", nameof(storageClass));
        }

        var path = PathOf(key);
        await writes.WaitAsync(cancellationToken);
        try
        {
            var metadata = await ReadMetadataAsync(key, path, cancellationToken)
                ?? throw new ArchiveObjectNotFoundException(key, $"No archive object is stored under {key}.");
            var moved = metadata with { StorageClass = storageClass, RestoreReadyAt = null, RestoreExpiresAt = null };
            await WriteAtomicallyAsync(path + MetadataSuffix, moved.ToJson(), cancellationToken);
        }
        finally
        {
            writes.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => writes.Dispose();

    private static ArchiveRestoreRequiredException RestoreRequired(string key, string storageClass, ArchiveRetrievalState state) => new(
        key,
        state == ArchiveRetrievalState.RestoreInProgress
            ? $"Archive object {key} is in {storageClass} and its restore is still in progress; read it once its state is Restored."
            : $"Archive object {key} is in {storageClass}; request a restore (RequestRestoreAsync) and read it once its state is Restored.");

    private static async Task<LocalArchiveMetadata?> ReadMetadataAsync(string key, string path, CancellationToken cancellationToken)
    {
        try
        {
            return LocalArchiveMetadata.Parse(await File.ReadAllBytesAsync(path + MetadataSuffix, cancellationToken), key);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken);
                // On disk before the rename makes it visible, so a crash cannot leave a visible empty or partial file.
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private string PathOf(string key)
    {
        ArchiveKeys.ThrowIfInvalid(key, nameof(key));
        if (key.EndsWith(MetadataSuffix, StringComparison.Ordinal) || key.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Keys of the local archive cannot end with {MetadataSuffix} or {TemporarySuffix}.", nameof(key));
        }

        var path = Path.GetFullPath(Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar)));
        // Key rules already forbid '..'; this keeps a path outside the root impossible whatever they become.
        return path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"Archive key '{key}' leads outside the archive directory.", nameof(key));
    }
}
