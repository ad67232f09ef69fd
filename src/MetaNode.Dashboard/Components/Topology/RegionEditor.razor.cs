using MetaNode.Operations.Topology.Design;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Topology;

/// <summary>Edits the regions of a design and the zones in each.</summary>
public sealed partial class RegionEditor
{
    /// <summary>The regions shown.</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<RegionSpec> Regions { get; set; }

    /// <summary>Validation messages by field path (<c>regions[eu-west-1].zones</c>).</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string> Errors { get; set; } = new Dictionary<string, string>();

    /// <summary>True for a role that may not change the design.</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>The regions after a change.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<RegionSpec>> RegionsChanged { get; set; }

    private Task RenameAsync(int index, string? name) => ReplaceAsync(index, Regions[index] with { Name = name?.Trim() ?? string.Empty });

    private Task ZonesAsync(int index, string? zones) => ReplaceAsync(index, Regions[index] with
    {
        Zones = [.. (zones ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
    });

    private Task ReplaceAsync(int index, RegionSpec region) =>
        RegionsChanged.InvokeAsync([.. Regions.Select((r, i) => i == index ? region : r)]);

    private Task RemoveAsync(int index) => RegionsChanged.InvokeAsync([.. Regions.Where((_, i) => i != index)]);

    private Task AddAsync()
    {
        var name = $"region-{Regions.Count + 1}";
        return RegionsChanged.InvokeAsync([.. Regions, new RegionSpec(name, [name + "a", name + "b", name + "c"])]);
    }
}
