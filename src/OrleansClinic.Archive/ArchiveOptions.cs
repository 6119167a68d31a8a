namespace OrleansClinic.Archive;

/// <summary>Settings of the embedded clinic's archive, <see cref="LocalDirectoryArchiveStore"/>, bound from <see cref="Section"/>.</summary>
public sealed class ArchiveOptions
{
    /// <summary>The configuration section these settings are bound from.</summary>
    public const string Section = "Archive:Local";

    /// <summary>The directory the archive lives under; an absolute path. Objects go to <c>{RootDirectory}/{KeyPrefix}/{key}</c>.</summary>
    public string RootDirectory { get; set; } = "";

    /// <summary>
    /// The folder under <see cref="RootDirectory"/> that holds the objects, <c>archive</c> by default: the same prefix the
    /// S3 store writes under, so the directory copies to a bucket as it is. Empty puts them in the root itself.
    /// </summary>
    public string KeyPrefix { get; set; } = "archive";

    /// <summary>
    /// How long a requested restore of a cold object takes before it can be read: zero (the default) restores at once;
    /// set hours to rehearse S3's (Glacier Flexible Retrieval: 3–5 h standard; Deep Archive: up to 12 h).
    /// </summary>
    public TimeSpan RestoreDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Copies these settings onto <paramref name="target"/> (options bound in one place, registered in another).</summary>
    public void CopyTo(ArchiveOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.RootDirectory = RootDirectory;
        target.KeyPrefix = KeyPrefix;
        target.RestoreDelay = RestoreDelay;
    }
}
