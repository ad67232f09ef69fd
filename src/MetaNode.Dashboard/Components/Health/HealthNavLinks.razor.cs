using MetaNode.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace MetaNode.Dashboard.Components.Health;

/// <summary>Menu links to the health pages that carry the selected app along.</summary>
public sealed partial class HealthNavLinks : IDisposable
{
    private string? _app;

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _app = HealthLinks.AppIn(Navigation);
        Navigation.LocationChanged += OnLocationChanged;
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var app = HealthLinks.AppIn(Navigation);
        if (app != _app)
        {
            _app = app;
            _ = InvokeAsync(StateHasChanged);
        }
    }

    /// <summary>Stops following navigation.</summary>
    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;
}
