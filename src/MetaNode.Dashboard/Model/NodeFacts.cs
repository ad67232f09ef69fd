using System.Collections.Immutable;
using System.Globalization;
using MetaNode.Dashboard.Components.Shared;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Model;

/// <summary>One line of a facts list.</summary>
/// <param name="Label">What it is.</param>
/// <param name="Value">Its value as shown.</param>
/// <param name="Title">The full value when <paramref name="Value"/> is shortened, shown on hover.</param>
public sealed record Fact(string Label, string Value, string? Title = null);

/// <summary>The live facts of one node, for its page.</summary>
public static class NodeFacts
{
    private const string SyncingMethod = "eth_syncing";
    private const string ClientVersionMethod = "web3_clientVersion";

    /// <summary>Everything the last probe and the provider's events said about <paramref name="node"/>.</summary>
    public static ImmutableArray<Fact> Of(NodeHealth node, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        ImmutableArray<Fact> facts =
        [
            new("Endpoint", node.Endpoint?.ToString() ?? NodeText.Unknown),
            new("Client", node.Unsupported.Contains(ClientVersionMethod) ? NodeText.NotAvailable : NodeText.Text(node.ClientVersion)),
            new("Chain id", node.ChainId?.ToString(CultureInfo.InvariantCulture) ?? NodeText.Unknown),
            new("Height", NodeText.Height(node)),
            HeadHash(node),
            new("Head block age", node.HeadTime is { } headTime ? Ago(now - headTime) : NodeText.Unknown),
            new("Lag", Lag(node)),
            new("Peers", NodeText.Peers(node)),
            new("Syncing", Syncing(node)),
            new("Latency", NodeText.Latency(node)),
            new("Health check", node.HealthCheck ?? NodeText.NotAvailable),
            Uptime(node, now),
            new("Run state", node.RunState?.ToString() ?? "not run by the dashboard"),
            new("Zone", Placement(node)),
            new("Last checked", node.CheckedAt is { } checkedAt ? Ago(now - checkedAt) : "not yet"),
            new("Failed probes in a row", Formatting.Count(node.ConsecutiveFailures)),
        ];
        return node.Resources is { } resources ? facts.AddRange(ResourceFacts(resources)) : facts;
    }

    /// <summary>CPU and memory, from providers that measure them: use, and its share of the node's limit.</summary>
    private static Fact[] ResourceFacts(ResourceUsage resources)
    {
        var cpu = resources.CpuLimitCores is { } cores
            ? string.Create(CultureInfo.InvariantCulture, $"{resources.CpuPercent:0.#}% of one core (limit {cores:0.##} {(cores == 1 ? "core" : "cores")})")
            : string.Create(CultureInfo.InvariantCulture, $"{resources.CpuPercent:0.#}% of one core (no limit)");
        var used = Mebibytes(resources.MemoryBytes);
        var memory = resources.MemoryLimitBytes is { } limit
            ? string.Create(CultureInfo.InvariantCulture, $"{used} of {Mebibytes(limit)} ({100.0 * resources.MemoryBytes / limit:0}%)")
            : used + " (no limit)";
        return [new("CPU", cpu), new("Memory", memory)];
    }

    private static string Mebibytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MiB");

    private static Fact HeadHash(NodeHealth node) =>
        node.HeadHash is { } hash ? new("Head hash", Formatting.ShortHash(hash), hash) : new("Head hash", NodeText.Unknown);

    private static string Lag(NodeHealth node) => node.Lag switch
    {
        null => NodeText.Unknown,
        0 => "in sync",
        1 => "1 block",
        var lag => $"{Formatting.Count(lag.Value)} blocks",
    };

    private static string Syncing(NodeHealth node)
    {
        if (node.Unsupported.Contains(SyncingMethod))
        {
            return NodeText.NotAvailable;
        }

        if (node.Syncing is not { } progress)
        {
            return node.CheckedAt is null ? NodeText.Unknown : "no";
        }

        var span = progress.HighestBlock - progress.StartingBlock;
        var percent = span > 0 ? 100.0 * (progress.CurrentBlock - progress.StartingBlock) / span : 100.0;
        return string.Create(CultureInfo.InvariantCulture, $"block {progress.CurrentBlock:N0} of {progress.HighestBlock:N0} ({percent:0}%)");
    }

    private static Fact Uptime(NodeHealth node, DateTimeOffset now) =>
        node.UpSince is { } since
            ? new("Uptime", Formatting.Duration(now - since), "since " + since.ToString("u", CultureInfo.InvariantCulture))
            : new("Uptime", NodeText.Unknown);

    private static string Placement(NodeHealth node) => (node.Zone, node.Region) switch
    {
        (null, null) => NodeText.Unknown,
        ({ } zone, null) => zone,
        (null, { } region) => region,
        var (zone, region) => $"{zone} ({region})",
    };

    private static string Ago(TimeSpan span) => Formatting.Duration(span) + " ago";
}
