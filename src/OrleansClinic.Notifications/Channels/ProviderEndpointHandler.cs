namespace OrleansClinic.Notifications.Channels;

/// <summary>Sends a provider's requests to another base address (a local stand-in), keeping path and query.</summary>
public sealed class ProviderEndpointHandler(Uri baseAddress) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new Uri(baseAddress, uri.PathAndQuery);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
