namespace OrleansClinic.Gateway.Http;

/// <summary>Endpoint metadata: the endpoint requires an <c>Idempotency-Key</c> and replays its first response to retries.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class IdempotentAttribute : Attribute;
