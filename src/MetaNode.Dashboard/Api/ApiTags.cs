namespace MetaNode.Dashboard.Api;

/// <summary>The OpenAPI tags that group the endpoints on the reference page.</summary>
internal static class ApiTags
{
    public const string Apps = "Apps";

    public const string Nodes = "Nodes";

    public const string Findings = "Findings";

    public const string WatchedNodes = "Watched nodes";

    public const string Audit = "Audit";

    public const string ApiKeys = "API keys";

    /// <summary>Topology designs: versions, checks, exports, plans and apply.</summary>
    public const string Topology = "Topology";

    /// <summary>Tags in the order the reference page shows them, with a line about each.</summary>
    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        (Apps, "The apps the dashboard runs or watches: health at a glance and topology."),
        (Nodes, "Nodes with live health, provider facts and health history."),
        (Findings, "What the detectors found: node down, lag, split brain, stall, quorum, failover, contention."),
        (Topology, "An app's designed topology and HA policy: read, check, export, save a version, plan and apply (Operators)."),
        (WatchedNodes, "Endpoints of watched-only apps, added and removed by Operators."),
        (Audit, "Who did what, when, to what, with what outcome."),
        (ApiKeys, "Keys for automation, managed by Admins."),
    ];
}
