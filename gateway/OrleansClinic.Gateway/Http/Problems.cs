using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace OrleansClinic.Gateway.Http;

/// <summary>The gateway's RFC 9457 problem responses; the correlation id is added to every one by the problem-details service.</summary>
public static class Problems
{
    /// <summary>The problem type URI for a clinic error code.</summary>
    public static string TypeFor(string code) => "urn:orleans-clinic:problem:" + code;

    /// <summary>422 with a map of field to messages.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Type = TypeFor("validation"),
            Title = "The request is not valid.",
            Detail = "See errors for the fields to correct.",
        });

    /// <summary>A problem with the given status, code, title and detail.</summary>
    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Type = TypeFor(code), Title = title, Detail = detail });

    /// <summary>404 for an unknown resource.</summary>
    public static ProblemHttpResult NotFound(string what) =>
        Create(StatusCodes.Status404NotFound, "not-found", $"No such {what}.");

    /// <summary>403 for a signed-in caller who may not touch this object.</summary>
    public static ProblemHttpResult Forbidden() =>
        Create(StatusCodes.Status403Forbidden, "forbidden", "You may not access this resource.");
}
