using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Archive.S3;

/// <summary>Registers Amazon S3 as the record archive.</summary>
public static class S3ArchiveServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="S3ArchiveStore"/> the <see cref="IArchiveStore"/> (replacing one registered earlier), with
    /// validated <see cref="S3ArchiveOptions"/> (checked at start-up) and its own S3 client for the archive bucket's
    /// endpoint, and registers <see cref="ArchiveWriter"/> and <see cref="ArchiveReader"/> over it.
    /// </summary>
    public static IServiceCollection AddS3ArchiveStore(this IServiceCollection services, Action<S3ArchiveOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureOptions);
        services.AddOptions<S3ArchiveOptions>().Configure(configureOptions).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<S3ArchiveOptions>, S3ArchiveOptionsValidator>());
        services.Replace(ServiceDescriptor.Singleton<IArchiveStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<S3ArchiveOptions>>().Value;
            return new S3ArchiveStore(CreateClient(options), options, ownsClient: true);
        }));
        services.TryAddSingleton<ArchiveWriter>();
        services.TryAddSingleton<ArchiveReader>();
        return services;
    }

    /// <summary>An S3 client for <paramref name="options"/>' region or service URL, with credentials from the SDK's default chain.</summary>
    internal static AmazonS3Client CreateClient(S3ArchiveOptions options)
    {
        var config = CreateConfig(options);
        if (string.IsNullOrWhiteSpace(options.ServiceUrl) || !new Uri(options.ServiceUrl).IsLoopback)
        {
            return new AmazonS3Client(config);
        }

        // A stand-in on this machine checks no real credentials, but the SDK will not sign without some.
        AWSCredentials credentials;
        try
        {
            credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials(config);
        }
        catch (AmazonClientException)
        {
            credentials = new BasicAWSCredentials("local", "local");
        }

        return new AmazonS3Client(credentials, config);
    }

    /// <summary>The S3 client settings for <paramref name="options"/>: endpoint, path style, timeout, and checksums only where S3 requires them.</summary>
    public static AmazonS3Config CreateConfig(S3ArchiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            Timeout = options.RequestTimeout,
            ForcePathStyle = options.ForcePathStyle,
            // The archive's SHA-256 in user metadata is the integrity check, not S3's flexible checksums, which S3
            // stand-ins do not implement: the SDK adds a checksum only where an operation requires one.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;
        }

        return config;
    }
}
