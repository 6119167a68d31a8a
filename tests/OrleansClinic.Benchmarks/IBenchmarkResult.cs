namespace OrleansClinic.Benchmarks;

/// <summary>What each scenario's result gives the report: a console block, a Markdown section, a JSON document and the targets.</summary>
internal interface IBenchmarkResult
{
    /// <summary>The scenario's command-line name, e.g. <c>booking</c>.</summary>
    string Scenario { get; }

    /// <summary>False when the run found a bug (a lost or repeated event, a double booking): missed targets are figures, not bugs.</summary>
    bool IsComplete { get; }

    /// <summary>The targets this scenario decides, each with its figure; empty when it has none.</summary>
    IReadOnlyList<BenchmarkTarget> Targets();

    /// <summary>The result block for the console.</summary>
    string Format();

    /// <summary>The result as a Markdown section (tables and sentences, no heading).</summary>
    string Markdown();

    /// <summary>The figures as an object for the JSON report: percentiles rather than every sample.</summary>
    object Document();
}
