using System.Text.Json;

namespace OrleansClinic.Gateway.Live;

/// <summary>
/// Tells a reconnecting client that the events it missed are no longer buffered, so it must reload through the REST API.
/// </summary>
/// <param name="Id">
/// The newest id the stream has delivered, sent as the resync's SSE id so that the client's next reconnect resumes from
/// the point live delivery continues from; null when nothing is buffered yet.
/// </param>
/// <param name="Reason">A short machine-readable reason for the data.</param>
public sealed record LiveResync(long? Id, string Reason)
{
    /// <summary>The SSE event type of a resync.</summary>
    public const string EventType = "resync";

    /// <summary>The reason when Last-Event-ID is older than the replay buffer or the buffer is empty.</summary>
    public const string NotBuffered = "not-buffered";

    /// <summary>The SSE data: <c>{"reason":...}</c>.</summary>
    public string Data => "{\"reason\":\"" + JsonEncodedText.Encode(Reason) + "\"}";
}
