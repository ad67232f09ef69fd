using System.Globalization;
using MetaNode.Dashboard.Model;
using MetaNode.Operations.Health;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Health;

/// <summary>A component card. Redraws only when its counts change, not on every batch of the app.</summary>
public partial class ComponentCard
{
    private ComponentHealth? _shown;
    private bool _changed;

    /// <summary>The component's counts.</summary>
    [Parameter, EditorRequired]
    public required ComponentHealth Component { get; set; }

    private StatusLook Look => StatusLooks.Of(Component);

    private StatusLook QuorumLook => StatusLooks.Of(Component.Quorum);

    private string Breakdown
    {
        get
        {
            var unknown = Component.Total - Component.Up - Component.Degraded - Component.Down;
            var parts = new List<string>();
            if (Component.Degraded > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Component.Degraded} degraded"));
            }

            if (Component.Down > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Component.Down} down"));
            }

            if (unknown > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{unknown} not checked yet"));
            }

            return Component.Total == 0 ? "no nodes"
                : parts.Count == 0 ? "healthy · all up"
                : "healthy · " + string.Join(" · ", parts);
        }
    }

    // "quorum 4 of 5": the validators a block needs, of those in the set.
    private string QuorumFigures => Component.QuorumSize is { } quorum
        ? string.Create(CultureInfo.InvariantCulture, $"quorum {quorum} of {Component.Total}")
        : string.Create(CultureInfo.InvariantCulture, $"{Component.Total} validators");

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        // Records compare by value: an equal count from a newer snapshot does not redraw the card.
        _changed = !Equals(_shown, Component);
        _shown = Component;
    }

    /// <inheritdoc />
    protected override bool ShouldRender() => _changed;
}
