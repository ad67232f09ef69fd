using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace MetaNode.Dashboard.Model;

/// <summary>
/// Addresses of the health pages. The selected app travels in the query (<c>?app=name</c>) so an
/// operator can share exactly what they look at; the node page carries it in its path.
/// </summary>
public static class HealthLinks
{
    /// <summary>The query parameter that names the selected app.</summary>
    public const string AppParameter = "app";

    /// <summary>The overview of <paramref name="app"/> (the default app when null).</summary>
    public static string Overview(string? app) => "./" + Query(app);

    /// <summary>The node grid of <paramref name="app"/> (the default app when null).</summary>
    public static string Nodes(string? app) => "nodes" + Query(app);

    /// <summary>The topology designer of <paramref name="app"/> (the default app when null).</summary>
    public static string Topology(string? app) => "topology" + Query(app);

    /// <summary>The page of one node.</summary>
    public static string Node(string app, string name) =>
        $"nodes/{Uri.EscapeDataString(app)}/{Uri.EscapeDataString(name)}";

    /// <summary>
    /// The app the current address names: <c>?app=</c>, or the app segment of a node page; null when
    /// it names none (the pages then show the first app).
    /// </summary>
    public static string? AppIn(NavigationManager navigation)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        var uri = new Uri(navigation.Uri);
        if (QueryHelpers.ParseQuery(uri.Query).TryGetValue(AppParameter, out var values) && !string.IsNullOrEmpty(values.ToString()))
        {
            return values.ToString();
        }

        var segments = navigation.ToBaseRelativePath(navigation.Uri).Split('?', '#')[0].Split('/');
        return IsNodePage(segments) ? Uri.UnescapeDataString(segments[1]) : null;
    }

    /// <summary>True when the current address is the page of one node.</summary>
    public static bool IsNodePage(NavigationManager navigation)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        return IsNodePage(navigation.ToBaseRelativePath(navigation.Uri).Split('?', '#')[0].Split('/'));
    }

    private static bool IsNodePage(string[] segments) =>
        segments.Length == 3 && segments[0] == "nodes" && segments[1].Length > 0 && segments[2].Length > 0;

    private static string Query(string? app) =>
        string.IsNullOrEmpty(app) ? string.Empty : $"?{AppParameter}={Uri.EscapeDataString(app)}";
}
