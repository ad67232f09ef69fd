using MetaNode.Dashboard.Model;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Health;

/// <summary>A status: icon, word and colour.</summary>
public partial class StatusChip
{
    /// <summary>The state to show.</summary>
    [Parameter, EditorRequired]
    public required StatusLook Look { get; set; }

    /// <summary>Bigger, for cards read from across the room.</summary>
    [Parameter]
    public bool Large { get; set; }

    /// <summary>More detail on hover.</summary>
    [Parameter]
    public string? Title { get; set; }
}
