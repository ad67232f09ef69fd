using MetaNode.Operations.Configuration;
using MetaNode.Operations.Topology;

namespace MetaNode.Dashboard.Model;

/// <summary>The app a health page shows, resolved from its address.</summary>
/// <param name="Topology">The app; null when there is none to show.</param>
/// <param name="State">Ready, or why there is no app.</param>
public sealed record AppChoice(AppTopology? Topology, AppState State)
{
    /// <summary>The app named <paramref name="requested"/>, or the first app when none is named.</summary>
    public static AppChoice Resolve(AppCatalog catalog, string? requested)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (catalog.Apps.Count == 0)
        {
            return new(null, AppState.NoApps);
        }

        if (string.IsNullOrEmpty(requested))
        {
            return new(catalog.Apps[0], AppState.Ready);
        }

        return catalog.Find(requested) is { } app ? new(app, AppState.Ready) : new(null, AppState.UnknownApp);
    }
}
