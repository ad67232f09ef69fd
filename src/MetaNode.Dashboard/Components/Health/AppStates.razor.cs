using MetaNode.Dashboard.Model;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Health;

/// <summary>No apps, an unknown app, or an app the monitor has not reported on yet.</summary>
public partial class AppStates
{
    /// <summary>Which state.</summary>
    [Parameter, EditorRequired]
    public required AppState State { get; set; }

    /// <summary>The app asked for.</summary>
    [Parameter]
    public string? App { get; set; }

    /// <summary>The apps there are, for links from an unknown one.</summary>
    [Parameter]
    public IReadOnlyList<string> Apps { get; set; } = [];

    /// <summary>The page of an app, for those links.</summary>
    [Parameter]
    public Func<string, string> Link { get; set; } = HealthLinks.Overview;
}
