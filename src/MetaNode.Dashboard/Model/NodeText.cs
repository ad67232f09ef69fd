using MetaNode.Dashboard.Components.Shared;
using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Model;

/// <summary>A node's figures as text, the same on the grid and the node page.</summary>
public static class NodeText
{
    /// <summary>Shown for a value not known (yet).</summary>
    public const string Unknown = "–";

    /// <summary>Shown for a value the node's client does not offer (JSON-RPC -32601).</summary>
    public const string NotAvailable = "n/a";

    /// <summary>The peer-count method; some clients do not implement it.</summary>
    public const string PeerCountMethod = "net_peerCount";

    /// <summary>Head height.</summary>
    public static string Height(NodeHealth node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Figure(node.Height);
    }

    /// <summary>Blocks behind the app head.</summary>
    public static string Lag(NodeHealth node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Figure(node.Lag);
    }

    /// <summary>Peers: "n/a" when the client does not implement <c>net_peerCount</c>, "–" when unknown.</summary>
    public static string Peers(NodeHealth node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Unsupported.Contains(PeerCountMethod) ? NotAvailable : Figure(node.Peers);
    }

    /// <summary>Latency of the last successful probe.</summary>
    public static string Latency(NodeHealth node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Latency is { } latency ? Formatting.Milliseconds(latency) : Unknown;
    }

    /// <summary>Uptime to the minute, for the grid.</summary>
    public static string Uptime(NodeHealth node, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.UpSince is { } since ? Formatting.CoarseDuration(now - since) : Unknown;
    }

    /// <summary>Text or "–".</summary>
    public static string Text(string? value) => string.IsNullOrEmpty(value) ? Unknown : value;

    private static string Figure(long? value) => value is { } known ? Formatting.Count(known) : Unknown;
}
