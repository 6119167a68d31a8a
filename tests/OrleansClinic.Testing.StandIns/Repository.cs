namespace OrleansClinic.Testing.StandIns;

/// <summary>Where tests find the repository's own files (deploy rules, build outputs, the screenshots folder).</summary>
public static class Repository
{
    /// <summary>The folder holding <c>OrleansClinic.sln</c>, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path below <see cref="Root"/>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OrleansClinic.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("OrleansClinic.sln not found above the test binaries.");
    }
}
