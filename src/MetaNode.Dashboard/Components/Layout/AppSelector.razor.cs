using MetaNode.Dashboard.Model;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Topology;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace MetaNode.Dashboard.Components.Layout;

/// <summary>
/// The app selector in the app bar: lists the apps with their provider and switches the current
/// page to another app by rewriting <c>?app=</c>.
/// </summary>
public sealed partial class AppSelector : IDisposable
{
    private AppCatalog? _catalog;
    private IReadOnlyList<AppTopology> _apps = [];
    private string? _selected;

    [Inject]
    public required NavigationManager Navigation { get; init; }

    // Resolved optionally: the shell also renders where no apps are registered (its own component
    // tests, a host without the cluster services); there the selector simply is not shown.
    [Inject]
    public required IServiceProvider Services { get; init; }

    private string Label
    {
        get
        {
            var app = _apps.FirstOrDefault(a => a.Name == _selected);
            return app is null ? "Select app" : $"{app.Name} · {app.Provider}";
        }
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _catalog = Services.GetService<AppCatalog>();
        Refresh();
        Navigation.LocationChanged += OnLocationChanged;
    }

    // Watched apps can be added while the dashboard runs: read the catalog again whenever the menu opens.
    private void OnOpenChanged(bool open)
    {
        if (open)
        {
            Refresh();
        }
    }

    private void Refresh()
    {
        _apps = _catalog?.Apps ?? [];
        var named = HealthLinks.AppIn(Navigation);
        _selected = _apps.Any(a => a.Name == named) ? named : _apps.FirstOrDefault()?.Name;
    }

    private void Select(string app)
    {
        // A node belongs to one app: from a node page, go to the other app's node grid.
        var target = HealthLinks.IsNodePage(Navigation)
            ? HealthLinks.Nodes(app)
            : Navigation.GetUriWithQueryParameter(HealthLinks.AppParameter, app);
        Navigation.NavigateTo(target);
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var before = _selected;
        Refresh();
        if (_selected != before)
        {
            _ = InvokeAsync(StateHasChanged);
        }
    }

    /// <summary>Stops following navigation.</summary>
    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;
}
