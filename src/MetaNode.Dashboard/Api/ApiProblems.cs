using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace MetaNode.Dashboard.Api;

/// <summary>
/// RFC 7807 problem details for every error the API answers: a title for the status, a sentence
/// in <c>detail</c>, the request path in <c>instance</c>, the trace id, and for bad input the
/// rule each field broke in <c>errors</c>. Never a stack trace.
/// </summary>
internal static class ApiProblems
{
    /// <summary>The type URI of 429, which the framework's defaults do not name.</summary>
    public const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";

    /// <summary>A problem with <paramref name="status"/> and a sentence.</summary>
    public static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(new ProblemDetails
    {
        Status = status,
        Detail = detail,
        Type = status == StatusCodes.Status429TooManyRequests ? TooManyRequestsType : null,
        Title = ReasonPhrases.GetReasonPhrase(status),
    });

    /// <summary>400 with the rule each field broke, fields named as in the request (camelCase).</summary>
    public static ProblemHttpResult Invalid(IReadOnlyDictionary<string, string> errors, string? detail = null)
    {
        var byField = errors
            .GroupBy(e => FieldName(e.Key), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Value).ToArray(), StringComparer.Ordinal);
        return TypedResults.Problem(new HttpValidationProblemDetails(byField)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields",
            Detail = detail ?? string.Join(" ", byField.Select(f => f.Key.Length == 0 ? string.Join(" ", f.Value) : $"{f.Key} {string.Join("; ", f.Value)}.")),
        });
    }

    /// <summary>400 for one field.</summary>
    public static ProblemHttpResult Invalid(string field, string rule) =>
        Invalid(new Dictionary<string, string>(StringComparer.Ordinal) { [field] = rule });

    /// <summary>Adds <c>instance</c> and <c>traceId</c> to every problem the app writes.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
    }

    /// <summary>Writes <paramref name="result"/> unless the response already started.</summary>
    public static Task WriteAsync(HttpContext context, ProblemHttpResult result) =>
        context.Response.HasStarted ? Task.CompletedTask : result.ExecuteAsync(context);

    /// <summary><c>Url</c> → <c>url</c>, <c>ExpiresInDays</c> → <c>expiresInDays</c>: the names the JSON body uses.</summary>
    private static string FieldName(string name) =>
        name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
