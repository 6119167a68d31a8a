using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansClinic.Privacy.AwsKms;

/// <summary>Registers AWS KMS as the PII vault's master key.</summary>
public static class KmsMasterKeyServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="KmsMasterKey"/> the <see cref="IMasterKey"/>, with validated <see cref="KmsMasterKeyOptions"/>
    /// (checked at start-up) and an <see cref="IAmazonKeyManagementService"/> unless one is registered already. Call it
    /// before <c>AddPiiVault</c> or <c>AddInMemoryPiiVault</c>, whose <c>TryAdd</c> then keeps it; it also replaces a
    /// master key registered earlier.
    /// </summary>
    public static IServiceCollection AddAwsKmsMasterKey(this IServiceCollection services, Action<KmsMasterKeyOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureOptions);
        services.AddOptions<KmsMasterKeyOptions>().Configure(configureOptions).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KmsMasterKeyOptions>, KmsMasterKeyOptionsValidator>());
        services.TryAddSingleton<IAmazonKeyManagementService>(sp => CreateClient(sp.GetRequiredService<IOptions<KmsMasterKeyOptions>>().Value));
        services.Replace(ServiceDescriptor.Singleton<IMasterKey>(sp => new KmsMasterKey(
            sp.GetRequiredService<IAmazonKeyManagementService>(), sp.GetRequiredService<IOptions<KmsMasterKeyOptions>>().Value)));
        return services;
    }

    /// <summary>A KMS client for <paramref name="options"/>' region or service URL, with credentials from the SDK's default chain.</summary>
    internal static AmazonKeyManagementServiceClient CreateClient(KmsMasterKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonKeyManagementServiceConfig { Timeout = options.RequestTimeout };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
            return new AmazonKeyManagementServiceClient(config);
        }

        config.ServiceURL = options.ServiceUrl;
        config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;
        if (!new Uri(options.ServiceUrl).IsLoopback)
        {
            return new AmazonKeyManagementServiceClient(config);
        }

        // A stand-in on this machine checks no credentials, but the SDK will not sign without some.
        AWSCredentials credentials;
        try
        {
            credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials(config);
        }
        catch (AmazonClientException)
        {
            credentials = new BasicAWSCredentials("local", "local");
        }

        return new AmazonKeyManagementServiceClient(credentials, config);
    }
}
