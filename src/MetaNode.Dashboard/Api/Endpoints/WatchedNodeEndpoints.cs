using MetaNode.Dashboard.Api.Contracts;
using MetaNode.Dashboard.Security;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Clusters.Watched;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Security;
using MetaNode.Operations.Topology;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MetaNode.Dashboard.Api.Endpoints;

/// <summary>Adding and removing nodes of watched apps (Operator), through the audited service.</summary>
internal static class WatchedNodeEndpoints
{
    private const string AddAction = "watched-node.add";
    private const string RemoveAction = "watched-node.remove";

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/apps/{app}/watched-nodes", AddAsync)
            .RequireAuthorization(DashboardPolicies.Operator)
            .WithMetadata(new AuditedOperationMetadata(AddAction, "{app}", DashboardRole.Operator))
            .WithTags(ApiTags.WatchedNodes).WithName("AddWatchedNode")
            .WithSummary("Add a node to a watched app")
            .WithDescription("The node is probed from then on. The app must exist and be watched-only; apps the dashboard operates follow their topology.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        v1.MapDelete("/apps/{app}/watched-nodes/{name}", RemoveAsync)
            .RequireAuthorization(DashboardPolicies.Operator)
            .WithMetadata(new AuditedOperationMetadata(RemoveAction, "{app}/{name}", DashboardRole.Operator))
            .WithTags(ApiTags.WatchedNodes).WithName("RemoveWatchedNode")
            .WithSummary("Remove a node from a watched app")
            .WithDescription("Only nodes added on the page or through the API; nodes from appsettings.json are removed there.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Created<ApiWatchedNode>, ProblemHttpResult>> AddAsync(
        string app,
        ApiWatchedNodeRequest? body,
        HttpContext context,
        WatchedNodeService service,
        AppCatalog catalog,
        OperationGate gate,
        CancellationToken cancellationToken)
    {
        var actor = ApiCaller.ActorOf(context);
        var request = new WatchedNodeRequest(app, body?.Name ?? string.Empty, body?.Component ?? string.Empty, body?.Url ?? string.Empty, body?.Zone, body?.Region);
        // A key limited to other apps is refused (and audited) by the service's gate, before anything is told about the app.
        var refusal = !actor.Covers(app) ? null
            : catalog.Find(app) is not { } topology ? $"There is no app named {app}. Watched nodes are added to a watched app the dashboard already knows."
            : topology.Provider != ProviderKind.Watched ? $"{app} is operated by the dashboard ({topology.Provider}); its nodes follow its topology. Watched nodes go in a watched-only app."
            : null;
        if (refusal is not null)
        {
            await gate.RecordAsync(actor, new OperationRequest(AddAction, $"{app}/{request.Name}", DashboardRole.Operator, app, request), AuditOutcome.Failed, refusal);
            return ApiProblems.Problem(StatusCodes.Status409Conflict, refusal);
        }

        var node = await service.AddAsync(actor, request, cancellationToken);
        return TypedResults.Created(
            $"{DashboardApiPaths.V1}/apps/{Uri.EscapeDataString(node.App)}/nodes/{Uri.EscapeDataString(node.Name)}",
            new ApiWatchedNode(node.App, node.Name, node.Component, node.Role, node.Url, node.Zone, node.Region, node.FromConfiguration));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string app,
        string name,
        HttpContext context,
        WatchedNodeService service,
        AppCatalog catalog,
        CancellationToken cancellationToken)
    {
        var existing = service.Nodes.FirstOrDefault(n => n.App == app && n.Name == name);
        try
        {
            await service.RemoveAsync(ApiCaller.ActorOf(context), app, name, cancellationToken);
            return TypedResults.NoContent();
        }
        catch (OperationValidationException) when (existing is null)
        {
            return ApiProblems.Problem(
                StatusCodes.Status404NotFound,
                catalog.Find(app) is null ? $"There is no app named {app}." : $"{app} has no watched node named {name}.");
        }
        catch (OperationValidationException) when (existing?.FromConfiguration == true)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, $"{app}/{name} comes from appsettings.json; remove it there.");
        }
    }
}
