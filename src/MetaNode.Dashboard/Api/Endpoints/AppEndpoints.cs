using System.ComponentModel;
using MetaNode.Dashboard.Api.Contracts;
using MetaNode.Dashboard.Security;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MetaNode.Dashboard.Api.Endpoints;

/// <summary>Read-only views of apps, their nodes, samples and findings (Viewer).</summary>
internal static class AppEndpoints
{
    /// <summary>The default window of a samples read.</summary>
    public static readonly TimeSpan DefaultSampleWindow = TimeSpan.FromMinutes(15);

    /// <summary>The default window of a findings read.</summary>
    public static readonly TimeSpan DefaultFindingWindow = TimeSpan.FromHours(24);

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/apps", ListApps)
            .RequireAuthorization(DashboardPolicies.Viewer)
            .WithTags(ApiTags.Apps).WithName("ListApps")
            .WithSummary("List apps")
            .WithDescription("Every app the dashboard runs or watches, with its components, head height, quorum state and entry point. A key limited to some apps sees only those.");

        var app = v1.MapGroup("/apps/{app}").AddEndpointFilter<AppScopeFilter>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet(string.Empty, GetApp)
            .RequireAuthorization(DashboardPolicies.Viewer)
            .WithTags(ApiTags.Apps).WithName("GetApp")
            .WithSummary("Get an app's health and topology")
            .WithDescription("Live health (components, node counts, head, quorum, active findings) and the designed topology (consensus and health-check settings).");
        app.MapGet("/nodes", ListNodes)
            .RequireAuthorization(DashboardPolicies.Viewer)
            .WithTags(ApiTags.Nodes).WithName("ListNodes")
            .WithSummary("List an app's nodes with live health")
            .WithDescription("Every node the monitor knows in the app, by component then ordinal.");
        app.MapGet("/nodes/{node}", GetNode)
            .RequireAuthorization(DashboardPolicies.Viewer)
            .WithTags(ApiTags.Nodes).WithName("GetNode")
            .WithSummary("Get one node: live health and provider facts");
        app.MapGet("/nodes/{node}/samples", GetSamples)
            .RequireAuthorization(DashboardPolicies.Viewer)
            .WithTags(ApiTags.Nodes).WithName("GetNodeSamples")
            .WithSummary("Get a node's health samples over time")
            .WithDescription("Status, height, lag, latency and peers, oldest first. Raw samples are seconds apart; older ones are per-minute aggregates. The range defaults to the last 15 minutes and spans at most 30 days.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapGet("/findings", GetFindings)
            .RequireAuthorization(DashboardPolicies.Viewer)
            .WithTags(ApiTags.Findings).WithName("ListFindings")
            .WithSummary("List an app's findings")
            .WithDescription("Findings of the detectors (node down, lag, split brain, stall, quorum, failover, contention) that overlap the range, newest first. The range defaults to the last 24 hours and spans at most 30 days.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static Ok<List<ApiApp>> ListApps(HttpContext context, AppCatalog catalog, ClusterRegistry registry, IHealthFeed feed)
    {
        var actor = ApiCaller.ActorOf(context);
        var snapshot = feed.Current;
        return TypedResults.Ok(catalog.Apps
            .Where(a => actor.Covers(a.Name))
            .Select(a => ApiMapping.App(a, snapshot.Apps.GetValueOrDefault(a.Name), ApiMapping.IsOperable(registry, a)))
            .ToList());
    }

    private static Results<Ok<ApiAppDetail>, ProblemHttpResult> GetApp(string app, AppCatalog catalog, ClusterRegistry registry, IHealthFeed feed)
    {
        if (catalog.Find(app) is not { } topology)
        {
            return NoApp(app);
        }

        var snapshot = feed.Current;
        return TypedResults.Ok(ApiMapping.AppDetail(topology, snapshot.Apps.GetValueOrDefault(app), ApiMapping.IsOperable(registry, topology), snapshot));
    }

    private static Results<Ok<List<ApiNode>>, ProblemHttpResult> ListNodes(string app, AppCatalog catalog, IHealthFeed feed) =>
        catalog.Find(app) is null
            ? NoApp(app)
            : TypedResults.Ok(feed.Current.NodesOf(app).Select(ApiMapping.Node).ToList());

    private static Results<Ok<ApiNodeDetail>, ProblemHttpResult> GetNode(string app, string node, AppCatalog catalog, ClusterRegistry registry, IHealthFeed feed)
    {
        if (catalog.Find(app) is null)
        {
            return NoApp(app);
        }

        var health = feed.Current.Nodes.GetValueOrDefault($"{app}/{node}");
        IClusterProvider? provider = null;
        NodeInfo? info = null;
        string? problem = null;
        try
        {
            provider = registry.For(app);
            info = provider.Nodes(app).FirstOrDefault(n => n.Ref.Name == node);
        }
        catch (ClusterOperationException ex)
        {
            problem = ex.Message;
        }

        if (health is null && info is null)
        {
            return NoNode(app, node);
        }

        return TypedResults.Ok(new ApiNodeDetail(
            app,
            node,
            health is null ? null : ApiMapping.Node(health),
            provider is null ? null : ApiMapping.Provider(provider, info),
            problem));
    }

    private static async Task<Results<Ok<ApiSamples>, ProblemHttpResult>> GetSamples(
        string app,
        string node,
        [Description("Start of the range, ISO-8601 (e.g. 2026-11-27T10:00:00Z). Default: 15 minutes before `to`.")] string? from,
        [Description("End of the range, ISO-8601. Default: now.")] string? to,
        AppCatalog catalog,
        ClusterRegistry registry,
        IHealthFeed feed,
        IHealthHistory history,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!ApiQuery.TryRange(from, to, time.GetUtcNow(), DefaultSampleWindow, errors, out var start, out var end))
        {
            return ApiProblems.Invalid(errors);
        }

        if (catalog.Find(app) is null)
        {
            return NoApp(app);
        }

        if (!NodeExists(app, node, registry, feed))
        {
            return NoNode(app, node);
        }

        var samples = await history.NodeSeriesAsync($"{app}/{node}", start, end, cancellationToken);
        return TypedResults.Ok(new ApiSamples(app, node, start, end, samples));
    }

    private static async Task<Results<Ok<ApiFindings>, ProblemHttpResult>> GetFindings(
        string app,
        [Description("Start of the range, ISO-8601. Default: 24 hours before `to`.")] string? from,
        [Description("End of the range, ISO-8601. Default: now.")] string? to,
        [Description("true: only findings that last now; false: only ended ones. Default: both.")] string? active,
        AppCatalog catalog,
        IHealthFeed feed,
        IHealthHistory history,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var rangeOk = ApiQuery.TryRange(from, to, now, DefaultFindingWindow, errors, out var start, out var end);
        if (!ApiQuery.TryBoolean(active, "active", errors, out var onlyActive) || !rangeOk)
        {
            return ApiProblems.Invalid(errors);
        }

        if (catalog.Find(app) is null)
        {
            return NoApp(app);
        }

        // The store has what was written; the feed has the present (a finding may not be stored yet).
        var stored = await history.FindingsAsync(app, start, end, null, cancellationToken);
        var live = feed.Current.Findings.Where(f => f.App == app && f.StartedAt <= end && (f.EndedAt ?? now) >= start);
        var findings = live.Concat(stored)
            .DistinctBy(f => f.Id)
            .Where(f => onlyActive is not { } wanted || f.IsActive == wanted)
            .OrderByDescending(f => f.StartedAt)
            .Select(ApiMapping.Finding)
            .ToList();
        return TypedResults.Ok(new ApiFindings(app, start, end, findings));
    }

    private static bool NodeExists(string app, string node, ClusterRegistry registry, IHealthFeed feed)
    {
        if (feed.Current.Nodes.ContainsKey($"{app}/{node}"))
        {
            return true;
        }

        try
        {
            return registry.For(app).Nodes(app).Any(n => n.Ref.Name == node);
        }
        catch (ClusterOperationException)
        {
            return false;
        }
    }

    private static ProblemHttpResult NoApp(string app) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, $"There is no app named {app}.");

    private static ProblemHttpResult NoNode(string app, string node) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, $"{app} has no node named {node}.");
}
