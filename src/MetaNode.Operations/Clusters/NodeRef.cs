using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Clusters;

/// <summary>Names one node of one app, whatever runs it.</summary>
/// <param name="App">The app.</param>
/// <param name="Component">The component (e.g. <c>validator</c>).</param>
/// <param name="Name">The node's name, unique in the app: component and ordinal (<c>validator-3</c>).</param>
/// <param name="Role">What the node does.</param>
public sealed record NodeRef(string App, string Component, string Name, ComponentRole Role)
{
    /// <summary>Unique across the dashboard: <c>my-app/validator-3</c>.</summary>
    public string Id => $"{App}/{Name}";

    /// <summary>The ordinal in the component (3 for validator-3), as in a StatefulSet.</summary>
    public int Ordinal => int.Parse(Name.AsSpan(Name.LastIndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The node name for <paramref name="component"/> and <paramref name="ordinal"/>.</summary>
    public static string NameOf(string component, int ordinal) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{component}-{ordinal}");

    /// <inheritdoc />
    public override string ToString() => Id;
}

/// <summary>Whether a node's process or container is there and running, as its provider sees it.</summary>
public enum NodeRunState
{
    /// <summary>Running.</summary>
    Running,

    /// <summary>Launched by the provider, not serving yet.</summary>
    Starting,

    /// <summary>Frozen (SIGSTOP, docker pause): alive but answers nothing.</summary>
    Paused,

    /// <summary>Stopped on purpose.</summary>
    Stopped,

    /// <summary>Ended without being asked to.</summary>
    Exited,
}

/// <summary>A node as its provider knows it.</summary>
/// <param name="Ref">Which node.</param>
/// <param name="State">Its run state.</param>
/// <param name="RpcEndpoint">Where the dashboard reaches its JSON-RPC (chain roles) and <c>/health</c>.</param>
/// <param name="Zone">Placement zone, when known.</param>
/// <param name="Region">Placement region, when known.</param>
/// <param name="StartedAt">When the current process or container started.</param>
/// <param name="Facts">Provider facts for the node page (pid, ports, image, log file, …).</param>
public sealed record NodeInfo(
    NodeRef Ref,
    NodeRunState State,
    Uri RpcEndpoint,
    string? Zone,
    string? Region,
    DateTimeOffset? StartedAt,
    IReadOnlyDictionary<string, string> Facts)
{
    /// <summary>Where <c>GET /health</c> answers.</summary>
    public Uri HealthEndpoint => new(RpcEndpoint, "health");

    /// <summary>CPU and memory use, from providers with <see cref="ProviderCapabilities.ResourceStats"/>; null until measured.</summary>
    public ResourceUsage? Resources { get; init; }
}

/// <summary>What happened to a node, reported the moment the provider learns it.</summary>
public enum ClusterEventKind
{
    /// <summary>Started (or adopted after a dashboard restart).</summary>
    Started,

    /// <summary>Ended without being asked to (crash, kill from outside).</summary>
    Exited,

    /// <summary>Stopped or killed by the dashboard.</summary>
    Stopped,

    /// <summary>Frozen.</summary>
    Paused,

    /// <summary>Thawed.</summary>
    Resumed,

    /// <summary>Removed by scaling down.</summary>
    Removed,

    /// <summary>A network or node fault was injected.</summary>
    FaultInjected,

    /// <summary>Faults were cleared.</summary>
    Healed,

    /// <summary>The runtime's own health check changed its verdict (Docker <c>health_status</c>): worth a probe now.</summary>
    HealthChanged,
}

/// <summary>One event about one node.</summary>
/// <param name="Node">The node.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When the provider learned it.</param>
/// <param name="Detail">A human sentence: exit code, fault, …</param>
public sealed record ClusterEvent(NodeRef Node, ClusterEventKind Kind, DateTimeOffset At, string? Detail = null);
