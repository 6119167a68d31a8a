using OrleansClinic.Archive;

namespace OrleansClinic.Tiering.Tests;

/// <summary>
/// A store that fails one call of <paramref name="operation"/> (<c>put</c>, <c>get</c> or <c>delete</c>), the one after
/// <paramref name="after"/> calls of it succeeded, as a process dying at that point would leave things; everything else goes through.
/// </summary>
internal sealed class DiesOnce(IArchiveStore inner, string operation, int after = 0) : IArchiveStore
{
    private int calls;

    public Task<ArchivePutOutcome> PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        Live("put");
        return inner.PutAsync(key, content, cancellationToken);
    }

    public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        Live("get");
        return inner.GetAsync(key, cancellationToken);
    }

    public Task<ArchiveObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default) => inner.HeadAsync(key, cancellationToken);

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        Live("delete");
        return inner.DeleteAsync(key, cancellationToken);
    }

    public Task RequestRestoreAsync(string key, int days, CancellationToken cancellationToken = default) => inner.RequestRestoreAsync(key, days, cancellationToken);

    private void Live(string called)
    {
        if (called == operation && calls++ == after)
        {
            throw new IOException($"the process died at {called} {after + 1}");
        }
    }
}
