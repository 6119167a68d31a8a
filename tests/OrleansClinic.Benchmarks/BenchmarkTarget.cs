namespace OrleansClinic.Benchmarks;

/// <summary>One of the targets: what it asks, the figure measured, and whether it is met.</summary>
internal sealed record BenchmarkTarget(string Name, string Measured, bool Met);
