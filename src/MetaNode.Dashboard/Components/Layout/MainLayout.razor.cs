using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace MetaNode.Dashboard.Components.Layout;

/// <summary>
/// The shell around every page: app bar, navigation drawer, theme, connection state and an
/// error boundary that keeps one failing page from taking the console down.
/// </summary>
public partial class MainLayout
{
    private MudThemeProvider? _themeProvider;
    private ErrorBoundary? _errorBoundary;
    private bool _drawerOpen = true;
    private bool _isDarkMode;

    /// <summary>The theme this browser chose before, read from its cookie by <see cref="App"/>.</summary>
    [CascadingParameter]
    public ThemePreference? ThemePreference { get; set; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>"true" once the circuit is live and clicks reach the server; tests wait for it.</summary>
    private string InteractiveMarker => RendererInfo.IsInteractive ? "true" : "false";

    private string ThemeToggleIcon => _isDarkMode ? Icons.Material.Filled.LightMode : Icons.Material.Filled.DarkMode;

    private string ThemeToggleLabel => _isDarkMode ? "Switch to light theme" : "Switch to dark theme";

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _isDarkMode = ThemePreference?.DarkMode ?? false;
        Navigation.LocationChanged += OnLocationChanged;
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Never chosen in this browser: follow the operating system, once, after the circuit is up.
        if (firstRender && RendererInfo.IsInteractive && ThemePreference?.DarkMode is null && _themeProvider is not null)
        {
            var systemDark = await _themeProvider.GetSystemDarkModeAsync();
            if (systemDark != _isDarkMode)
            {
                _isDarkMode = systemDark;
                StateHasChanged();
            }
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleThemeAsync()
    {
        _isDarkMode = !_isDarkMode;
        await JS.InvokeVoidAsync("metanode.rememberTheme", _isDarkMode ? "dark" : "light");
    }

    private void RecoverFromError() => _errorBoundary?.Recover();

    // A page that failed stays failed until the operator moves on; navigating away clears it.
    private void OnLocationChanged(object? sender, Microsoft.AspNetCore.Components.Routing.LocationChangedEventArgs e) =>
        _ = InvokeAsync(RecoverFromError);

    /// <summary>Unsubscribes from navigation events.</summary>
    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;
}
