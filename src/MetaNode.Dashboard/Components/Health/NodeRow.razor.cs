using MetaNode.Dashboard.Model;
using MetaNode.Operations.Health;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Health;

/// <summary>
/// One row of the node grid. The monitor replaces a <see cref="NodeHealth"/> whenever the node
/// changes, so comparing references tells whether anything on the row can have changed.
/// </summary>
public partial class NodeRow
{
    private NodeHealth? _shownNode;
    private DateTimeOffset _shownMinute;
    private bool _changed;

    /// <summary>The node.</summary>
    [Parameter, EditorRequired]
    public required NodeHealth Node { get; set; }

    /// <summary>Now, to the minute, for the uptime.</summary>
    [Parameter, EditorRequired]
    public required DateTimeOffset Minute { get; set; }

    private StatusLook Look => StatusLooks.Of(Node.Status);

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        _changed = !ReferenceEquals(_shownNode, Node) || _shownMinute != Minute;
        _shownNode = Node;
        _shownMinute = Minute;
    }

    /// <inheritdoc />
    protected override bool ShouldRender() => _changed;
}
