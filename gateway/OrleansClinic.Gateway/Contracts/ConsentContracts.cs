namespace OrleansClinic.Gateway.Contracts;

/// <summary>A grant or withdrawal of one purpose, with the privacy-policy version the patient was shown.</summary>
public sealed record ConsentRequest(bool? Granted, int? PolicyVersion);

/// <summary>One consent decision as the API shows it.</summary>
public sealed record ConsentResponse(string Purpose, bool Granted, int PolicyVersion, string At, string RecordedBy);

/// <summary>A patient's consents: the current decision per purpose (false when never given) and the full history.</summary>
public sealed record ConsentsResponse(IReadOnlyDictionary<string, bool> Current, IReadOnlyList<ConsentResponse> History);
