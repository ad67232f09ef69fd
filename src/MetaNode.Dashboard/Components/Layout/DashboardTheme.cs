using MudBlazor;

namespace MetaNode.Dashboard.Components.Layout;

/// <summary>
/// The dashboard's palette. Status colours are chosen to stay distinguishable for colour-blind
/// operators and on a NOC wall seen from across the room; status is never shown by colour alone.
/// </summary>
public static class DashboardTheme
{
    /// <summary>The theme given to <see cref="MudThemeProvider"/>.</summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3456d1",
            Secondary = "#6b4fbb",
            AppbarBackground = "#16213e",
            AppbarText = "#f1f4fb",
            Background = "#f5f6fa",
            DrawerBackground = "#ffffff",
            Success = "#1b873f",
            Warning = "#b25e00",
            Error = "#c62828",
            Info = "#0b6bcb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7c9cff",
            Secondary = "#b39dff",
            AppbarBackground = "#10131c",
            Background = "#161a24",
            Surface = "#1e2330",
            DrawerBackground = "#181c27",
            Success = "#3fb950",
            Warning = "#e3a008",
            Error = "#f85149",
            Info = "#58a6ff",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
