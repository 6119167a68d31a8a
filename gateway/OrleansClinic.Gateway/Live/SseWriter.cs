using System.Globalization;
using System.Text;

namespace OrleansClinic.Gateway.Live;

/// <summary>Formats Server-Sent Events blocks (WHATWG HTML, "server-sent events"); pure, so the framing is testable without a socket.</summary>
public static class SseWriter
{
    private static readonly string[] LineBreaks = ["\r\n", "\r", "\n"];

    /// <summary>An event: optional <c>id:</c>, <c>event:</c>, then one <c>data:</c> line per line of <paramref name="data"/>.</summary>
    public static string Event(long? id, string type, string data)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(data);
        var block = new StringBuilder(data.Length + type.Length + 40);
        if (id is { } value)
        {
            block.Append("id: ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        // A line break in a field value would end the field and let the rest be read as another field.
        block.Append("event: ").Append(SingleLine(type)).Append('\n');
        foreach (var line in data.Split(LineBreaks, StringSplitOptions.None))
        {
            block.Append("data: ").Append(line).Append('\n');
        }

        return block.Append('\n').ToString();
    }

    /// <summary>The reconnection delay hint, in whole milliseconds.</summary>
    public static string Retry(TimeSpan delay) =>
        "retry: " + ((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "\n\n";

    /// <summary>A comment block, which clients ignore; used as a heartbeat that keeps proxies from closing an idle stream.</summary>
    public static string Comment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var block = new StringBuilder(text.Length + 8);
        foreach (var line in text.Split(LineBreaks, StringSplitOptions.None))
        {
            block.Append(": ").Append(line).Append('\n');
        }

        return block.Append('\n').ToString();
    }

    /// <summary>A live event.</summary>
    public static string Event(LiveEvent live)
    {
        ArgumentNullException.ThrowIfNull(live);
        return Event(live.Id, live.Type, live.Data);
    }

    /// <summary>A resync event.</summary>
    public static string Event(LiveResync resync)
    {
        ArgumentNullException.ThrowIfNull(resync);
        return Event(resync.Id, LiveResync.EventType, resync.Data);
    }

    private static string SingleLine(string value) => value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
}
