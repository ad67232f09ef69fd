namespace MetaNode.Dashboard.Security;

/// <summary>
/// Headers on every response: a Content-Security-Policy that Blazor Server and MudBlazor work
/// under (scripts only from the app; inline styles, which MudBlazor sets per element; the
/// circuit's WebSocket), no framing, no MIME sniffing, no referrer leaks.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The policy; <paramref name="formTargets"/> adds origins a form may lead to (the SSO provider).</summary>
    public static string ContentSecurityPolicy(IEnumerable<string> formTargets) =>
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "frame-ancestors 'none'; " +
        "form-action " + string.Join(' ', new[] { "'self'" }.Concat(formTargets)) + ";";

    /// <summary>Adds the headers to every response.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string contentSecurityPolicy) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = contentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next(context);
        });
}
