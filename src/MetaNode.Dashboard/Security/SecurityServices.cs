using System.Threading.RateLimiting;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Persistence;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace MetaNode.Dashboard.Security;

/// <summary>Sign-in, roles, policies, rate limits and limits on circuits and the hub.</summary>
internal static class SecurityServices
{
    /// <summary>
    /// The authentication schemes every policy accepts: the sign-in cookie (local and single sign-on
    /// users alike) and API keys. A key opens what its role opens, pages and hub included.
    /// </summary>
    public static IReadOnlyList<string> Schemes { get; } = [IdentityConstants.ApplicationScheme, ApiKeyAuthenticationDefaults.Scheme];

    public static WebApplicationBuilder AddDashboardSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var security = builder.Configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>()?.Security ?? new SecurityOptions();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddScoped<ClientContext>();
        services.AddScoped<ActorAccessor>();
        services.AddSingleton<SetupTokens>();
        services.AddHostedService<FirstRunSetup>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<DashboardUser>(identity =>
            {
                identity.Password.RequiredLength = security.Passwords.MinimumLength;
                identity.Password.RequiredUniqueChars = security.Passwords.MinimumUniqueCharacters;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = security.Lockout.MaxFailedAttempts;
                identity.Lockout.DefaultLockoutTimeSpan = security.Lockout.Duration;
                identity.User.RequireUniqueEmail = false;
                identity.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = security.RevalidationInterval);
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "metanode.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = security.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = security.SessionLifetime;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/account/sign-in";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Events = new CookieAuthenticationEvents
            {
                // Machines get status codes, people get the sign-in page.
                OnRedirectToLogin = context => Redirect(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => Redirect(context, StatusCodes.Status403Forbidden),
            };
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "metanode.antiforgery";
            antiforgery.Cookie.SecurePolicy = security.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthorization();
        services.AddOptions<Microsoft.AspNetCore.Authorization.AuthorizationOptions>().Configure(authorization =>
        {
            // Built late, so that single sign-on and API keys can add their schemes first.
            authorization.AddPolicy(DashboardPolicies.Viewer, DashboardPolicies.For(DashboardRole.Viewer, Schemes));
            authorization.AddPolicy(DashboardPolicies.Operator, DashboardPolicies.For(DashboardRole.Operator, Schemes));
            authorization.AddPolicy(DashboardPolicies.Admin, DashboardPolicies.For(DashboardRole.Admin, Schemes));
            authorization.FallbackPolicy = DashboardPolicies.For(DashboardRole.Viewer, Schemes);
        });

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync("Too many requests: wait a minute and try again.", cancellationToken);
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (HttpMethods.IsPost(context.Request.Method)
                    && (context.Request.Path.StartsWithSegments("/account/sign-in") || context.Request.Path.StartsWithSegments("/account/external-sign-in")
                        || context.Request.Path.StartsWithSegments("/setup")))
                {
                    var client = "sign-in:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                    return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = security.SignInRequestsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                    });
                }

                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    var caller = "api:" + (context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                    return RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = Math.Max(10, security.ApiRequestsPerMinute / 6),
                        TokensPerPeriod = security.ApiRequestsPerMinute / 6 + 1,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                    });
                }

                return RateLimitPartition.GetNoLimiter("unlimited");
            });
        });

        services.Configure<Microsoft.AspNetCore.Components.Server.CircuitOptions>(circuit =>
        {
            circuit.DisconnectedCircuitMaxRetained = 50;
            circuit.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            circuit.MaxBufferedUnacknowledgedRenderBatches = 10;
            circuit.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
        });
        services.Configure<Microsoft.AspNetCore.SignalR.HubOptions>(hub =>
        {
            hub.MaximumReceiveMessageSize = 32 * 1024;
            hub.MaximumParallelInvocationsPerClient = 1;
        });

        return builder;
    }

    /// <summary>Authentication, authorization, rate limits and headers, in pipeline order.</summary>
    public static WebApplication UseDashboardSecurity(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DashboardOptions>>().Value.Security;
        if (security.RequireHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        var formTargets = security.OpenIdConnect is { Enabled: true, Authority: { } authority } && Uri.TryCreate(authority, UriKind.Absolute, out var issuer)
            ? new[] { issuer.GetLeftPart(UriPartial.Authority) }
            : [];
        app.UseSecurityHeaders(SecurityHeaders.ContentSecurityPolicy(formTargets));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/_blazor"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
