using System.Runtime.CompilerServices;

namespace OrleansClinic.Notifications.Channels;

/// <summary>
/// Notes a provider's <c>Retry-After</c> for the send under way: the Twilio SDK throws on 429/5xx without it, so the
/// handler beneath the SDK records it in a box the caller set up for this send.
/// </summary>
public sealed class RetryAfterCapture : DelegatingHandler
{
    private static readonly AsyncLocal<StrongBox<TimeSpan?>?> Current = new();

    /// <summary>Starts capturing for the calls made from here on in this async flow; read the box after the call.</summary>
    public static StrongBox<TimeSpan?> Begin() => Current.Value = new StrongBox<TimeSpan?>();

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Current.Value is { } box && response.Headers.RetryAfter is { } retryAfter)
        {
            box.Value = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        }

        return response;
    }
}
