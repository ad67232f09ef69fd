using Microsoft.AspNetCore.Components.Routing;
using MetaNode.Dashboard.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace MetaNode.Dashboard.Components;

/// <summary>
/// The document root. It renders statically on every request, so it is where the per-browser
/// theme cookie is read: the first paint already has the right theme, with no flash.
/// </summary>
public partial class App
{
    /// <summary>The request being rendered (always present: the root renders on the server).</summary>
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    /// <summary>
    /// Pages run interactively over the circuit unless they opt out with
    /// <c>[ExcludeFromInteractiveRouting]</c> (the error page; later, sign-in, which must set cookies).
    /// </summary>
    private IComponentRenderMode? PageRenderMode =>
        HttpContext?.AcceptsInteractiveRouting() == false ? null : RenderMode.InteractiveServer;

    private bool? InitialDarkMode => ThemePreference.FromCookie(HttpContext?.Request.Cookies[ThemePreference.CookieName]);
}
