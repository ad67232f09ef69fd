namespace MetaNode.Dashboard.Components.Layout;

/// <summary>
/// The theme this browser asked for last time, read from a cookie when the page was requested.
/// <see langword="null"/> means "never chosen": follow the operating system's preference.
/// </summary>
public sealed record ThemePreference(bool? DarkMode)
{
    /// <summary>The cookie <c>wwwroot/js/app.js</c> writes when the operator toggles the theme.</summary>
    public const string CookieName = "metanode-theme";

    /// <summary>Parses the cookie value; anything but "dark" or "light" counts as not chosen.</summary>
    public static bool? FromCookie(string? value) => value switch
    {
        "dark" => true,
        "light" => false,
        _ => null,
    };
}
