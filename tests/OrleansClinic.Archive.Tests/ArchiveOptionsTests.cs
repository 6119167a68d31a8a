using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Archive.Tests;

/// <summary>Local archive settings are checked at start-up, each failure naming the setting, and the registration serves a working archive.</summary>
public sealed class ArchiveOptionsTests
{
    public static TheoryData<string, string> Failures => new()
    {
        { "no root", "Archive:Local:RootDirectory is required" },
        { "relative root", "Archive:Local:RootDirectory must be an absolute path; 'archive-data' is not" },
        { "prefix with dot-dot", "Archive:Local:KeyPrefix '../elsewhere' must be empty or" },
        { "prefix with empty segment", "Archive:Local:KeyPrefix 'a//b' must be empty or" },
        { "negative delay", "Archive:Local:RestoreDelay is -00:00:01" },
        { "delay beyond two days", "Archive:Local:RestoreDelay is 3.00:00:00" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Bad_settings_fail_naming_the_setting(string row, string expected)
    {
        var options = Valid();
        Action<ArchiveOptions> change = row switch
        {
            "no root" => o => o.RootDirectory = " ",
            "relative root" => o => o.RootDirectory = "archive-data",
            "prefix with dot-dot" => o => o.KeyPrefix = "../elsewhere",
            "prefix with empty segment" => o => o.KeyPrefix = "a//b",
            "negative delay" => o => o.RestoreDelay = TimeSpan.FromSeconds(-1),
            "delay beyond two days" => o => o.RestoreDelay = TimeSpan.FromDays(3),
            _ => throw new ArgumentOutOfRangeException(nameof(row), row, null),
        };
        change(options);

        var result = new ArchiveOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("archive")]
    [InlineData("")]
    [InlineData("/clinic/archive/")]
    public void Prefixes_that_are_keys_or_empty_pass(string prefix)
    {
        var options = Valid();
        options.KeyPrefix = prefix;

        Assert.True(new ArchiveOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public async Task The_registration_serves_a_local_store_with_a_writer_and_reader_over_it()
    {
        var root = Directory.CreateTempSubdirectory("clinic-archive-").FullName;
        try
        {
            var services = new ServiceCollection().AddLocalArchiveStore(o => o.RootDirectory = root);
            await using var provider = services.BuildServiceProvider();

            Assert.IsType<LocalDirectoryArchiveStore>(provider.GetRequiredService<IArchiveStore>());
            var receipt = await provider.GetRequiredService<ArchiveWriter>().WriteAsync(ArchiveSamples.Batch(), TestContext.Current.CancellationToken);
            var read = await provider.GetRequiredService<ArchiveReader>().ReadAsync(receipt.ManifestKey, TestContext.Current.CancellationToken);
            Assert.Equal(ArchiveSamples.Batch().Records, read.Records);
            Assert.True(File.Exists(Path.Combine(root, "archive", "appointments", "2026", "05", "batch-0001.manifest.json")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task The_registration_refuses_bad_settings_when_the_store_is_first_needed()
    {
        await using var provider = new ServiceCollection().AddLocalArchiveStore(o => o.RootDirectory = "relative").BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IArchiveStore>());
        Assert.Contains("RootDirectory must be an absolute path", e.Message, StringComparison.Ordinal);
    }

    private static ArchiveOptions Valid() => new() { RootDirectory = Path.Combine(Path.GetTempPath(), "clinic-archive") };
}
