namespace OrleansClinic.Domain.Privacy;

/// <summary>The API names of <see cref="ConsentPurpose"/> (<c>sms_reminders</c>, ...), both ways.</summary>
public static class ConsentPurposes
{
    private static readonly Dictionary<ConsentPurpose, string> Names = new()
    {
        [ConsentPurpose.SmsReminders] = "sms_reminders",
        [ConsentPurpose.EmailReminders] = "email_reminders",
        [ConsentPurpose.MhrUpload] = "mhr_upload",
        [ConsentPurpose.Research] = "research",
        [ConsentPurpose.Marketing] = "marketing",
    };

    private static readonly Dictionary<string, ConsentPurpose> ByName = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every purpose, in API order.</summary>
    public static IReadOnlyList<ConsentPurpose> All { get; } = [.. Names.Keys];

    /// <summary>The API name of <paramref name="purpose"/>.</summary>
    public static string ToApiName(this ConsentPurpose purpose) => Names[purpose];

    /// <summary>The purpose named <paramref name="name"/> exactly, or null.</summary>
    public static ConsentPurpose? Parse(string? name) => name is not null && ByName.TryGetValue(name, out var purpose) ? purpose : null;
}
