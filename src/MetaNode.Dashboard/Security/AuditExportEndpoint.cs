using System.Globalization;
using System.Text;
using MetaNode.Operations.Audit;
using Microsoft.AspNetCore.WebUtilities;

namespace MetaNode.Dashboard.Security;

/// <summary>
/// <c>GET /audit/export.csv</c>: the audit entries matching the filters in the query string, newest
/// first, streamed as CSV (<see cref="AuditCsv"/>) for a Viewer or stronger. The Audit page's
/// "Export CSV" link is built by <see cref="Link"/>, so the file holds what the page shows.
/// </summary>
public static class AuditExportEndpoint
{
    /// <summary>The endpoint's path.</summary>
    public const string Path = "/audit/export.csv";

    /// <summary>Query string names of the filters.</summary>
    public const string FromParameter = "from";

    public const string ToParameter = "to";

    public const string ActorParameter = "actor";

    public const string ActionParameter = "action";

    public const string AppParameter = "app";

    public const string OutcomeParameter = "outcome";

    public const string TextParameter = "text";

    private static readonly UTF8Encoding Utf8WithMark = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Maps the export endpoint (Viewer policy; cookie, single sign-on or API key).</summary>
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync)
            .RequireAuthorization(DashboardPolicies.Viewer)
            .WithName("ExportAuditCsv")
            .WithSummary("The audit log as CSV, filtered by the query string");
        return endpoints;
    }

    /// <summary>The endpoint's address (relative to the app's base) for <paramref name="query"/>'s filters.</summary>
    public static string Link(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (query.From is { } from)
        {
            values[FromParameter] = from.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        }

        if (query.To is { } to)
        {
            values[ToParameter] = to.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        }

        Add(values, ActorParameter, query.Actor);
        Add(values, ActionParameter, query.Action);
        Add(values, AppParameter, query.App);
        Add(values, OutcomeParameter, query.Outcome?.ToString());
        Add(values, TextParameter, query.Text);
        return QueryHelpers.AddQueryString(Path.TrimStart('/'), values);
    }

    /// <summary>Reads the filters of a request; the errors name each parameter that is not understood.</summary>
    public static AuditQuery Parse(IQueryCollection parameters, out IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = new AuditQuery
        {
            From = Time(parameters, FromParameter, problems),
            To = Time(parameters, ToParameter, problems),
            Actor = Text(parameters, ActorParameter),
            Action = Text(parameters, ActionParameter),
            App = Text(parameters, AppParameter),
            Text = Text(parameters, TextParameter),
        };
        if (Text(parameters, OutcomeParameter) is { } outcome)
        {
            if (Enum.TryParse<AuditOutcome>(outcome, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(outcome, out _))
            {
                query = query with { Outcome = parsed };
            }
            else
            {
                problems[OutcomeParameter] = $"must be Succeeded, Failed or Denied (was '{outcome}')";
            }
        }

        if (query.From > query.To)
        {
            problems[FromParameter] = "must not be later than 'to'";
        }

        errors = problems;
        return query;
    }

    /// <summary>The download's file name for a download made at <paramref name="at"/>.</summary>
    public static string FileName(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"metanode-audit-{at.UtcDateTime:yyyy-MM-dd-HHmmss}Z.csv");

    private static async Task<IResult> ExportAsync(HttpContext context, IAuditLog audit, TimeProvider time)
    {
        var query = Parse(context.Request.Query, out var errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(
                errors.ToDictionary(e => e.Key, e => new[] { e.Value }),
                title: "The audit filters are not understood",
                detail: string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")));
        }

        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition
        {
            DispositionType = System.Net.Mime.DispositionTypeNames.Attachment,
            FileName = FileName(time.GetUtcNow()),
        }.ToString();
        response.Headers.CacheControl = "no-store";

        // The BOM lets spreadsheet programs read the file as UTF-8; rows go out as the store yields them.
        await using var writer = new StreamWriter(response.Body, Utf8WithMark, bufferSize: 16 * 1024, leaveOpen: true);
        await AuditCsv.WriteAsync(audit.ExportAsync(query, context.RequestAborted), writer, context.RequestAborted);
        return TypedResults.Empty;
    }

    private static string? Text(IQueryCollection parameters, string name) =>
        parameters.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString().Trim() : null;

    private static DateTimeOffset? Time(IQueryCollection parameters, string name, Dictionary<string, string> problems)
    {
        if (Text(parameters, name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        problems[name] = $"must be a date and time like 2025-01-31T14:00:00Z (was '{text}')";
        return null;
    }

    private static void Add(Dictionary<string, string?> values, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            values[name] = value.Trim();
        }
    }
}
