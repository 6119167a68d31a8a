using NodaTime;

namespace OrleansClinic.Privacy;

/// <summary>One entry of the register of deleted records: whose data, what kind, from which tier, why and when.</summary>
/// <param name="ClientId">The patient's opaque id.</param>
/// <param name="DataType">What was deleted, e.g. <c>personal_details</c> or <c>personal_details.email</c>.</param>
/// <param name="Tier">Where it was deleted from: <c>hot</c> (PostgreSQL), later <c>warm</c> or <c>cold</c>.</param>
/// <param name="Reason">Why: the purpose stated by whoever deleted it, e.g. <c>erasure request</c>.</param>
/// <param name="DeletedAt">When.</param>
public sealed record DeletedRecord(string ClientId, string DataType, string Tier, string Reason, Instant DeletedAt)
{
    /// <summary>The data type of a whole personal-details record.</summary>
    public const string PersonalDetails = "personal_details";

    /// <summary>The tier of PostgreSQL rows.</summary>
    public const string HotTier = "hot";

    /// <summary>The data type of one field of the personal details.</summary>
    public static string PersonalDetailsField(string field) => PersonalDetails + "." + field;
}
