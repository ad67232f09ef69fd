using System.Collections.Immutable;
using MetaNode.Dashboard.Model;
using MetaNode.Operations.Health;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Health;

/// <summary>A virtualized, sortable grid of nodes.</summary>
public partial class NodeGrid
{
    /// <summary>Every row has this height (px); <c>app.css</c> sets the same, so the list can be virtualized.</summary>
    public const float RowHeight = 40;

    private static readonly (NodeColumn Column, string Header, bool Numeric)[] Columns =
    [
        (NodeColumn.Status, "Status", false),
        (NodeColumn.Name, "Name", false),
        (NodeColumn.Component, "Component", false),
        (NodeColumn.Zone, "Zone", false),
        (NodeColumn.Height, "Height", true),
        (NodeColumn.Lag, "Lag", true),
        (NodeColumn.Peers, "Peers", true),
        (NodeColumn.Latency, "Latency", true),
        (NodeColumn.Client, "Client", false),
        (NodeColumn.Uptime, "Uptime", true),
    ];

    private ImmutableArray<NodeHealth> _rows = [];
    private ICollection<NodeHealth> _items = Array.Empty<NodeHealth>();

    /// <summary>The rows, in order.</summary>
    [Parameter, EditorRequired]
    public required ImmutableArray<NodeHealth> Rows { get; set; }

    /// <summary>The query, for the sort indicator.</summary>
    [Parameter, EditorRequired]
    public required NodeQuery Query { get; set; }

    /// <summary>Asked when the operator clicks a column header.</summary>
    [Parameter]
    public EventCallback<NodeColumn> OnSort { get; set; }

    /// <summary>Now, to the minute: uptimes redraw once a minute, not with every batch.</summary>
    [Parameter, EditorRequired]
    public required DateTimeOffset Minute { get; set; }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        // Box the rows once per new array, not on every render.
        if (_rows != Rows)
        {
            _rows = Rows;
            _items = Rows;
        }
    }

    private string AriaSort(NodeColumn column) =>
        Query.SortBy != column ? "none" : Query.Descending ? "descending" : "ascending";
}
