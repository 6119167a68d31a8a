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
        var start = ReadInstant(reader, "from", from);
        var end = ReadInstant(reader, "to", to);
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

    /// <summary>An instant from a query string, or the problem recorded in <paramref name="reader"/>.</summary>
    public static Instant ReadInstant(FieldReader reader, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(reader);
        // An unencoded '+' in a query string arrives as a space; read it as the offset sign it was meant to be.
        return reader.Instant(field, value?.Replace(' ', '+'));
    }
}
