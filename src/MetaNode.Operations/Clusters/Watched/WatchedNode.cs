using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Clusters.Watched;

/// <summary>An endpoint of a watched app.</summary>
/// <param name="App">The app.</param>
/// <param name="Name">The node's name, unique in the app.</param>
/// <param name="Component">Its component.</param>
/// <param name="Role">What the node does (from the component).</param>
/// <param name="Url">Its base address.</param>
/// <param name="Zone">Placement zone, when known.</param>
/// <param name="Region">Placement region, when known.</param>
/// <param name="FromConfiguration">True when it comes from appsettings (read-only on pages).</param>
public sealed record WatchedNode(string App, string Name, string Component, ComponentRole Role, Uri Url, string? Zone, string? Region, bool FromConfiguration)
{
    /// <summary>The node as every provider names nodes.</summary>
    public NodeRef Ref => new(App, Component, Name, Role);

    /// <summary>Checks an endpoint address typed by an operator; null when it will do, else the rule it breaks.</summary>
    public static string? CheckUrl(string? text, out Uri? url)
    {
        url = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "is required, e.g. http://10.0.0.5:8545";
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.Host))
        {
            return "must be an absolute http:// or https:// address with a host, e.g. http://10.0.0.5:8545";
        }

        if (!string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment) || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            return "must not carry a query, a fragment or credentials";
        }

        url = parsed.AbsolutePath.EndsWith('/') ? parsed : new Uri(parsed + "/");
        return null;
    }
}
