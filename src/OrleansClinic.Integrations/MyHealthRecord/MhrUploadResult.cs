namespace OrleansClinic.Integrations.MyHealthRecord;

/// <summary>A document My Health Record accepted.</summary>
/// <param name="DocumentId">The document's unique identifier in My Health Record, needed later to supersede or remove it.</param>
public sealed record MhrUploadResult(string DocumentId);
