using MetaNode.Dashboard.Components.Account;
using MetaNode.Operations.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using AspNetOpenIdConnectOptions = Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions;

namespace MetaNode.Dashboard.Security.SingleSignOn;

/// <summary>
/// Single sign-on through an OpenID Connect provider (<c>Dashboard:Security:OpenIdConnect</c>):
/// authorization code flow with PKCE into the external cookie, then <see cref="ExternalSignIn"/>
/// turns the provider's account into a dashboard user signed in with the application cookie, so
/// every policy keeps accepting the application scheme alone.
/// </summary>
internal static partial class SingleSignOnServices
{
    /// <summary>The OpenID Connect authentication scheme, and the login provider name in AspNetUserLogins.</summary>
    public const string Scheme = "oidc";

    /// <summary>Where the provider sends the browser back with the code (register <c>{dashboard}/signin-oidc</c> there).</summary>
    public const string RedirectPath = "/signin-oidc";

    /// <summary>The sign-in page's button posts here (antiforgery-checked form post).</summary>
    public const string ChallengePath = "/account/external-sign-in";

    /// <summary>After the provider: link, role and sign-in.</summary>
    public const string CallbackPath = "/account/external-callback";

    /// <summary>
    /// Registers the OpenID Connect scheme, configured from the bound options. Whether it is
    /// enabled is decided on those options when the app starts (see <see cref="SchemeFilter"/>),
    /// like the rest of the pipeline, so configuration added after registration counts too.
    /// </summary>
    public static WebApplicationBuilder AddDashboardSingleSignOn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ExternalSignIn>();
        services.AddSingleton<IStartupFilter, SchemeFilter>();
        services.AddAuthentication().AddOpenIdConnect(Scheme, _ => { });
        services.AddOptions<AspNetOpenIdConnectOptions>(Scheme)
            .Configure<IOptions<DashboardOptions>>((oidc, dashboard) => Configure(oidc, dashboard.Value.Security));
        return builder;
    }

    /// <summary>Maps the sign-in button's target and the callback, when single sign-on is enabled.</summary>
    public static IEndpointRouteBuilder MapSingleSignOnEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<DashboardOptions>>().Value;
        if (!options.Security.OpenIdConnect.Enabled)
        {
            return endpoints;
        }

        endpoints.MapPost(ChallengePath, Challenge).AllowAnonymous();
        endpoints.MapGet(CallbackPath, (HttpContext context, [FromQuery] string? returnUrl, ExternalSignIn signIn) => signIn.CompleteAsync(context, returnUrl))
            .AllowAnonymous();
        return endpoints;
    }

    private static ChallengeHttpResult Challenge(HttpContext context, [FromForm] string? returnUrl)
    {
        var back = SignIn.SafeReturnUrl(returnUrl);
        var properties = new AuthenticationProperties
        {
            RedirectUri = $"{context.Request.PathBase}{CallbackPath}?returnUrl={Uri.EscapeDataString(back)}",
        };
        return TypedResults.Challenge(properties, [Scheme]);
    }

    private static void Configure(AspNetOpenIdConnectOptions oidc, SecurityOptions security)
    {
        var sso = security.OpenIdConnect;
        if (!sso.Enabled)
        {
            return;
        }

        oidc.SignInScheme = IdentityConstants.ExternalScheme;
        oidc.Authority = sso.Authority;
        oidc.ClientId = sso.ClientId;
        oidc.ClientSecret = string.IsNullOrEmpty(sso.ClientSecret) ? null : sso.ClientSecret;
        oidc.RequireHttpsMetadata = sso.RequireHttpsMetadata;
        oidc.CallbackPath = RedirectPath;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.UsePkce = true;
        // The code comes back in the query of a top-level GET: the correlation and nonce cookies can
        // then stay SameSite=Lax, which browsers also keep on plain HTTP (SameSite=None needs Secure).
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = true;
        oidc.SaveTokens = false;
        oidc.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile" }.Concat(sso.Scopes).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal))
        {
            oidc.Scope.Add(scope);
        }

        // Roles may come in the identity token, from the user info endpoint, or both.
        oidc.ClaimActions.MapJsonKey(sso.RoleClaim, sso.RoleClaim);
        oidc.ClaimActions.MapUniqueJsonKey("preferred_username", "preferred_username");

        var secure = security.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = secure;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = secure;
        oidc.Events.OnRemoteFailure = context =>
        {
            // The provider refused (or the user cancelled), the state did not match, or the code
            // exchange failed: back to the sign-in page with a sentence, not an error page.
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOnServices));
            LogRemoteFailure(logger, context.Failure?.Message ?? "unknown");
            context.Response.Redirect($"{context.Request.PathBase}/account/sign-in?{ExternalSignInProblem.QueryName}={ExternalSignInProblem.Failed}");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on did not complete: {Reason}")]
    private static partial void LogRemoteFailure(ILogger logger, string reason);

    /// <summary>
    /// Takes the OpenID Connect scheme out again when single sign-on is disabled, before the first
    /// request: an unconfigured remote scheme would otherwise fail every request.
    /// </summary>
    private sealed class SchemeFilter(IOptions<DashboardOptions> options, IAuthenticationSchemeProvider schemes) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
        {
            if (!options.Value.Security.OpenIdConnect.Enabled)
            {
                schemes.RemoveScheme(Scheme);
            }

            return next;
        }
    }
}
