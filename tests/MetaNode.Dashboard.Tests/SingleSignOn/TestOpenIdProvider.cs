using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace MetaNode.Dashboard.Tests.SingleSignOn;

/// <summary>An account at the test provider: who it is and which roles (groups) the provider says it has.</summary>
/// <param name="Subject">The provider's stable id (<c>sub</c>); the browser names it with <c>login_hint</c>.</param>
/// <param name="UserName">The <c>preferred_username</c>.</param>
/// <param name="Roles">The <c>roles</c> claim: one value is sent as a string, several as a JSON array.</param>
/// <param name="RolesInIdentityToken">
/// True: the roles are in the identity token only; false: they only come from the user info endpoint.
/// </param>
public sealed record TestAccount(string Subject, string UserName, IReadOnlyList<string> Roles, bool RolesInIdentityToken = true);

/// <summary>
/// A real OpenID provider (OpenIddict server) on a loopback port: discovery, authorization, token and
/// user info endpoints, authorization code flow with PKCE, ephemeral keys, plain HTTP. Its
/// authorization endpoint has no login page: it signs in the account the request names with the
/// standard <c>login_hint</c> parameter, and refuses (<c>access_denied</c>) an unknown one.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    /// <summary>The claim that carries the account's roles.</summary>
    public const string RolesClaim = "roles";

    /// <summary>The secret of every client this provider registers.</summary>
    public const string ClientSecret = "a-test-client-secret-nobody-uses-elsewhere";

    private readonly ConcurrentDictionary<string, TestAccount> _accounts = new(StringComparer.Ordinal);
    private WebApplication? _app;

    private TestOpenIdProvider()
    {
    }

    /// <summary>The issuer: <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>Starts the provider with its store (SQLite) in <paramref name="dataDirectory"/>.</summary>
    public static async Task<TestOpenIdProvider> StartAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var provider = new TestOpenIdProvider();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TestOpenIdProvider).Assembly.GetName().Name,
            ContentRootPath = dataDirectory,
            EnvironmentName = "Production",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<ProviderStore>(store =>
        {
            store.UseSqlite($"Data Source={Path.Combine(dataDirectory, "provider.db")}");
            store.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<ProviderStore>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, RolesClaim);
                server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                server.DisableAccessTokenEncryption();
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], provider.Authorize);
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)provider.UserInfoAsync);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderStore>().Database.EnsureCreatedAsync(cancellationToken);
        }

        await app.StartAsync(cancellationToken);
        provider._app = app;
        provider.Authority = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return provider;
    }

    /// <summary>Adds or replaces an account (its roles can change between two sign-ins).</summary>
    public void SetAccount(TestAccount account) => _accounts[account.Subject] = account;

    /// <summary>Registers a confidential client that may send the browser back to <paramref name="dashboard"/>'s <c>/signin-oidc</c>.</summary>
    public async Task RegisterClientAsync(string clientId, Uri dashboard, CancellationToken cancellationToken)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(
            new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = ClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = "MetaNode Dashboard",
                RedirectUris = { new Uri(dashboard, "signin-oidc") },
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Profile,
                    Permissions.Scopes.Email,
                    Permissions.Prefixes.Scope + RolesClaim,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        if (request.LoginHint is not { } hint || !_accounts.TryGetValue(hint, out var account))
        {
            return Results.Forbid(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "No such account.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, account.Subject));
        identity.AddClaim(new Claim(Claims.PreferredUsername, account.UserName));
        identity.AddClaim(new Claim(Claims.Name, account.UserName));
        foreach (var role in account.Roles)
        {
            identity.AddClaim(new Claim(RolesClaim, role));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(claim => claim.Type == RolesClaim && !account.RolesInIdentityToken
            ? [Destinations.AccessToken]
            : [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The user info endpoint: the account behind the access token it is given.</summary>
    private async Task<IResult> UserInfoAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal?.GetClaim(Claims.Subject) is not { } subject || !_accounts.TryGetValue(subject, out var account))
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>
        {
            [Claims.Subject] = subject,
            [Claims.PreferredUsername] = account.UserName,
        };
        if (!account.RolesInIdentityToken)
        {
            claims[RolesClaim] = account.Roles;
        }

        return Results.Ok(claims);
    }

    /// <summary>The provider's own store: OpenIddict's applications, authorizations, scopes and tokens.</summary>
    private sealed class ProviderStore(DbContextOptions<ProviderStore> options) : DbContext(options);
}
