using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Health;

/// <summary>A large, plain message in place of content that is not there.</summary>
public partial class EmptyState
{
    /// <summary>The icon.</summary>
    [Parameter, EditorRequired]
    public required string Icon { get; set; }

    /// <summary>The headline.</summary>
    [Parameter, EditorRequired]
    public required string Title { get; set; }

    /// <summary>What to do about it.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>The <c>data-testid</c> of the message, for tests.</summary>
    [Parameter]
    public string? TestId { get; set; }
}
