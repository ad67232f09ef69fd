using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;

namespace MetaNode.Operations.Clusters.Watched;

/// <summary>
/// Adding and removing watched nodes, for pages and the API alike: authorized (Operator, and the
/// app within an API key's scope) and audited, whatever the entry point.
/// </summary>
public sealed class WatchedNodeService(WatchedNodeRegistry registry, OperationGate gate)
{
    /// <summary>Every watched node.</summary>
    public IReadOnlyList<WatchedNode> Nodes => registry.Nodes;

    /// <summary>Adds a node; throws <see cref="OperationValidationException"/> with per-field errors for bad input.</summary>
    public Task<WatchedNode> AddAsync(Actor actor, WatchedNodeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return gate.RunAsync(
            actor,
            new OperationRequest("watched-node.add", $"{request.App}/{request.Name}", DashboardRole.Operator, request.App, request),
            async ct =>
            {
                var result = await registry.AddAsync(request.App, request.Name, request.Component, request.Url, request.Zone, request.Region, ct);
                return result.Node ?? throw new OperationValidationException(result.Errors);
            },
            cancellationToken);
    }

    /// <summary>Removes a node added on the page or through the API; false when there is none.</summary>
    public Task<bool> RemoveAsync(Actor actor, string app, string name, CancellationToken cancellationToken) =>
        gate.RunAsync(
            actor,
            new OperationRequest("watched-node.remove", $"{app}/{name}", DashboardRole.Operator, app),
            async ct =>
            {
                if (registry.Nodes.Any(n => n.App == app && n.Name == name && n.FromConfiguration))
                {
                    throw new OperationValidationException(new Dictionary<string, string> { ["Name"] = $"{app}/{name} comes from appsettings.json; remove it there" });
                }

                return await registry.RemoveAsync(app, name, ct)
                    ? true
                    : throw new OperationValidationException(new Dictionary<string, string> { ["Name"] = $"{app} has no watched node named {name}" });
            },
            cancellationToken);
}

/// <summary>A watched node to add, as typed on the page or posted to the API.</summary>
public sealed record WatchedNodeRequest(string App, string Name, string Component, string Url, string? Zone = null, string? Region = null);
