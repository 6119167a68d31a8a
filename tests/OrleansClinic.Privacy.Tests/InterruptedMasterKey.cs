namespace OrleansClinic.Privacy.Tests;

/// <summary>A master key that runs another writer's work right after its first unwrap, to force a rewrap race deterministically.</summary>
public sealed class InterruptedMasterKey(IMasterKey inner, Func<Task> interruption) : IMasterKey
{
    private int interrupted;

    public int CurrentVersion => inner.CurrentVersion;

    public ValueTask<WrappedDataKey> WrapAsync(ReadOnlyMemory<byte> dataKey, string context, CancellationToken cancellationToken = default) =>
        inner.WrapAsync(dataKey, context, cancellationToken);

    public async ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrappedKey, string context, CancellationToken cancellationToken = default)
    {
        var dataKey = await inner.UnwrapAsync(wrappedKey, context, cancellationToken);
        if (Interlocked.Exchange(ref interrupted, 1) == 0)
        {
            await interruption();
        }

        return dataKey;
    }
}
