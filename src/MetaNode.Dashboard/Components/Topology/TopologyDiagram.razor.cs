using System.Globalization;
using MetaNode.Dashboard.Model;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Topology;

/// <summary>Lays the diagram model out in SVG coordinates: zones side by side, tiers top to bottom.</summary>
public sealed partial class TopologyDiagram
{
    private const int NodeSize = 30;
    private const int NodeGap = 6;
    private const int ZonePadding = 12;
    private const int ZoneGap = 10;
    private const int RegionGap = 18;
    private const int RegionTop = 64;
    private const int TierHeight = 58;

    /// <summary>Beyond this many nodes in one tier of one zone, a count replaces the squares.</summary>
    private const int MaxDrawnPerTier = 8;

    private IReadOnlyList<RegionLayout> _layout = [];

    /// <summary>What to draw.</summary>
    [Parameter, EditorRequired]
    public required TopologyDiagramModel Model { get; set; }

    private int Width { get; set; } = 400;

    private int Height => RegionTop + 60 + (TierHeight * 3) + 8;

    private string Summary => string.Create(
        CultureInfo.InvariantCulture,
        $"Architecture: {Model.NodeCount} nodes in {Model.Regions.Count} region(s) and {Model.Regions.Sum(r => r.Zones.Count)} zone(s); {Count(DiagramNodeState.Up)} up, {Count(DiagramNodeState.Down)} down, {Count(DiagramNodeState.Planned)} not running.");

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        var regions = new List<RegionLayout>();
        var x = 6;
        foreach (var region in Model.Regions)
        {
            var zones = new List<ZoneLayout>();
            var zoneX = x + ZonePadding;
            foreach (var zone in region.Zones)
            {
                var widest = zone.Tiers.Select(t => t.Nodes.Count > MaxDrawnPerTier ? 3 : t.Nodes.Count).DefaultIfEmpty(1).Max();
                var width = Math.Max(110, (ZonePadding * 2) + (widest * (NodeSize + NodeGap)));
                zones.Add(new ZoneLayout(zone, zoneX, width));
                zoneX += width + ZoneGap;
            }

            var regionWidth = zoneX - ZoneGap + ZonePadding - x;
            regions.Add(new RegionLayout(region, x, regionWidth, zones));
            x += regionWidth + RegionGap;
        }

        Width = Math.Max(400, x - RegionGap + 6);
        _layout = regions;
    }

    private static int TierTop(int tier) => RegionTop + 60 + (tier * TierHeight);

    private static int NodeX(int zoneWidth, int count, int index)
    {
        var row = (count * (NodeSize + NodeGap)) - NodeGap;
        return ((zoneWidth - row) / 2) + (index * (NodeSize + NodeGap));
    }

    private int Count(DiagramNodeState state) =>
        Model.Regions.SelectMany(r => r.Zones).SelectMany(z => z.Tiers).SelectMany(t => t.Nodes).Count(n => n.State == state);

    private static string CountText(DiagramTier tier) => string.Create(
        CultureInfo.InvariantCulture,
        $"{tier.Nodes.Count} {tier.Title} · {tier.Nodes.Count(n => n.State == DiagramNodeState.Up)} up");

    /// <summary>"validator-3" → "v3", "blockchain-0" → "b0": the full name is in the tooltip.</summary>
    private static string Short(string name)
    {
        var dash = name.LastIndexOf('-');
        return dash > 0 ? string.Concat(name.AsSpan(0, 1), name.AsSpan(dash + 1)) : name;
    }

    private static string StateText(DiagramNodeState state) => state switch
    {
        DiagramNodeState.Planned => "designed, not running",
        DiagramNodeState.Unknown => "not probed yet",
        _ => state.ToString().ToLowerInvariant(),
    };

    private sealed record ZoneLayout(DiagramZone Zone, int X, int Width);

    private sealed record RegionLayout(DiagramRegion Region, int X, int Width, IReadOnlyList<ZoneLayout> Zones);
}
