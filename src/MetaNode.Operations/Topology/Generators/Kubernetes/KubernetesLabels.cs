using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Topology.Generators.Kubernetes;

/// <summary>
/// Labels of generated objects: Kubernetes' recommended <c>app.kubernetes.io/*</c> ones for tools,
/// and <c>metanode.*</c> ones the dashboard's providers discover nodes by (the same keys as on
/// Docker containers).
/// </summary>
internal static class KubernetesLabels
{
    /// <summary>The well-known node label of a zone.</summary>
    public const string Zone = "topology.kubernetes.io/zone";

    /// <summary>The well-known node label of a region.</summary>
    public const string Region = "topology.kubernetes.io/region";

    /// <summary>The well-known node label of a host.</summary>
    public const string Hostname = "kubernetes.io/hostname";

    /// <summary>The app a node belongs to.</summary>
    public const string App = "metanode.app";

    /// <summary>The component a node belongs to.</summary>
    public const string Component = "metanode.component";

    /// <summary>What the node does (blockchain, validator, agreement, ipfs).</summary>
    public const string Role = "metanode.role";

    /// <summary>
    /// What a component's workload selects its pods by. Only these two: a selector cannot change
    /// after creation, so it must not hold anything a later design might change.
    /// </summary>
    public static Dictionary<string, string> Selector(string app, ComponentDesign component) => new(StringComparer.Ordinal)
    {
        [App] = app,
        [Component] = component.Name,
    };

    /// <summary>The labels of a component's objects and pods.</summary>
    public static Dictionary<string, string> Of(string app, ComponentDesign component) => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = "metanode",
        ["app.kubernetes.io/instance"] = app,
        ["app.kubernetes.io/component"] = component.Name,
        ["app.kubernetes.io/managed-by"] = "metanode-dashboard",
        [App] = app,
        [Component] = component.Name,
        [Role] = component.Role.ToString().ToLowerInvariant(),
    };

    /// <summary>The labels of the app's shared objects (namespace, RPC entry).</summary>
    public static Dictionary<string, string> OfApp(string app) => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = "metanode",
        ["app.kubernetes.io/instance"] = app,
        ["app.kubernetes.io/managed-by"] = "metanode-dashboard",
        [App] = app,
    };
}
