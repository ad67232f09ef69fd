using System.ComponentModel;
using MetaNode.Dashboard.Api.Contracts;
using MetaNode.Dashboard.Security;
using MetaNode.Operations.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MetaNode.Dashboard.Api.Endpoints;

/// <summary>Reading the audit log (Viewer).</summary>
internal static class AuditEndpoints
{
    /// <summary>Entries returned when no limit is given.</summary>
    public const int DefaultLimit = 500;

    /// <summary>The most entries one read returns.</summary>
    public const int MaxLimit = 10_000;

    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGet("/audit", QueryAsync)
            .RequireAuthorization(DashboardPolicies.Viewer)
            .WithTags(ApiTags.Audit).WithName("QueryAudit")
            .WithSummary("Query the audit log")
            .WithDescription("Entries newest first. Every filter is optional. A key limited to some apps sees only the entries of those apps.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<Results<Ok<ApiAuditEntries>, ProblemHttpResult>> QueryAsync(
        [Description("Earliest entry, ISO-8601.")] string? from,
        [Description("Latest entry, ISO-8601.")] string? to,
        [Description("Part of the actor's name (any case).")] string? actor,
        [Description("An action (watched-node.add) or its area (watched-node).")] string? action,
        [Description("The app concerned.")] string? app,
        [Description("Succeeded, Failed or Denied.")] string? outcome,
        [Description("Part of the target, parameters or error (any case).")] string? text,
        [Description("At most this many entries, 1-10000 (default 500).")] string? limit,
        HttpContext context,
        IAuditLog audit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        ApiQuery.TryTime(from, "from", errors, out var start);
        ApiQuery.TryTime(to, "to", errors, out var end);
        ApiQuery.TryEnum<AuditOutcome>(outcome, "outcome", errors, out var wanted);
        ApiQuery.TryInteger(limit, "limit", 1, MaxLimit, errors, out var most);
        if (start > end)
        {
            errors["from"] = "must be before to";
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var caller = ApiCaller.ActorOf(context);
        if (!string.IsNullOrWhiteSpace(app) && ApiCaller.RefuseOtherApp(context, app.Trim()) is { } refusal)
        {
            return refusal;
        }

        var query = new AuditQuery
        {
            From = start,
            To = end,
            Actor = actor,
            Action = action,
            App = string.IsNullOrWhiteSpace(app) ? null : app.Trim(),
            Outcome = wanted,
            Text = text,
            Limit = most ?? DefaultLimit,
        };
        IReadOnlyList<AuditEntry> entries;
        if (query.App is null && caller.Apps is { } scope)
        {
            // A key limited to apps reads the entries of its apps, merged newest first.
            var perApp = new List<AuditEntry>();
            foreach (var scoped in scope)
            {
                perApp.AddRange(await audit.QueryAsync(query with { App = scoped }, cancellationToken));
            }

            entries = [.. perApp.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(query.Limit)];
        }
        else
        {
            entries = await audit.QueryAsync(query, cancellationToken);
        }

        return TypedResults.Ok(new ApiAuditEntries(entries, query.Limit));
    }
}
