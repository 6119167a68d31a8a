using System.Globalization;
using System.Text;

namespace OrleansClinic.Testing.StandIns;

/// <summary>One dispatched Server-Sent Event: its last <c>id:</c>, its <c>event:</c> type and its joined <c>data:</c> lines.</summary>
public readonly record struct SseEvent(string? Id, string Type, string Data);

/// <summary>
/// Turns the lines of an SSE response into events as a browser's EventSource does (WHATWG HTML, "server-sent events"):
/// fields gather until a blank line dispatches them; comments and <c>retry:</c> are noted. Feed it one reader's lines.
/// </summary>
public sealed class SseEventAssembler
{
    private readonly StringBuilder data = new();
    private string? id;
    private string type = "message";
    private bool hasData;

    /// <summary>The last <c>retry:</c> hint, in milliseconds.</summary>
    public int? Retry { get; private set; }

    /// <summary>Comment lines (heartbeats) seen.</summary>
    public int Comments { get; private set; }

    /// <summary>Takes one line; returns the event a blank line completes, or null.</summary>
    public SseEvent? Take(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length == 0)
        {
            SseEvent? dispatched = hasData ? new SseEvent(id, type, data.ToString()) : null;
            (id, type, hasData) = (null, "message", false);
            data.Clear();
            return dispatched;
        }

        if (line[0] == ':')
        {
            Comments++;
            return null;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
        switch (field)
        {
            case "id":
                id = value;
                break;
            case "event":
                type = value;
                break;
            case "data":
                data.Append(hasData ? "\n" : "").Append(value);
                hasData = true;
                break;
            case "retry":
                Retry = int.Parse(value, CultureInfo.InvariantCulture);
                break;
        }

        return null;
    }
}
