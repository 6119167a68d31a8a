using NodaTime;
using OrleansClinic.Gateway.Contracts;

namespace OrleansClinic.Gateway.Endpoints;

/// <summary>Reads a <c>from</c>/<c>to</c> query range and checks it against a maximum width.</summary>
public static class QueryRange
{
    /// <summary>The range, or null with the problem recorded in <paramref name="reader"/>.</summary>
    public static (Instant From, Instant To)? Read(FieldReader reader, string? from, string? to, Duration maxWidth)
    {
        ArgumentNullException.ThrowIfNull(reader);
        // An unencoded '+' in a query string arrives as a space; read it as the offset sign it was meant to be.
        var start = reader.Instant("from", from?.Replace(' ', '+'));
        var end = reader.Instant("to", to?.Replace(' ', '+'));
        if (!reader.IsValid)
        {
            return null;
        }

        if (end <= start || end - start > maxWidth)
        {
            reader.Fail("to", $"must be after from and at most {(int)maxWidth.TotalDays} days later");
            return null;
        }

        return (start, end);
    }
}
