using System.Globalization;
using Orleans.Storage;

namespace OrleansClinic.Persistence.Postgres;

/// <summary>A state row's version as the ETag Orleans carries between read and write, for both of our grain storages.</summary>
internal static class StateVersion
{
    /// <summary>The version an ETag names, null for none; an ETag this storage did not issue is a conflict.</summary>
    public static long? Parse(string? etag, string stateName, string key)
    {
        if (etag is null)
        {
            return null;
        }

        // An ETag this provider did not issue cannot match any stored version.
        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"Grain state \"{stateName}\" of {key} carries an ETag \"{etag}\" that is not a state version of this storage.", null, etag);
    }

    /// <summary>The ETag of <paramref name="version"/>.</summary>
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);
}
