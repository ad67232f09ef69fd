using System.Collections.Immutable;
using MetaNode.Dashboard.Model;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Health;

/// <summary>A list of label/value facts.</summary>
public partial class FactList
{
    /// <summary>The facts, in order.</summary>
    [Parameter, EditorRequired]
    public required ImmutableArray<Fact> Facts { get; set; }

    /// <summary>The <c>data-testid</c> of the list, for tests.</summary>
    [Parameter]
    public string? TestId { get; set; }
}
