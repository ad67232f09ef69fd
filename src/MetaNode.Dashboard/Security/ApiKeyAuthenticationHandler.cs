using System.Security.Claims;
using System.Text.Encodings.Web;
using MetaNode.Dashboard.Api;
using MetaNode.Operations.Security.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MetaNode.Dashboard.Security;

/// <summary>
/// Authenticates a request by the API key it carries (<c>Authorization: Bearer mnk_…</c> or
/// <c>X-Api-Key: mnk_…</c>). The principal is named after the key and holds its role, the
/// <c>metanode:actor</c>=ApiKey claim and one <c>metanode:app</c> claim per app it is limited to.
/// A malformed, unknown, expired or revoked key fails, and the challenge says why in
/// <c>WWW-Authenticate</c>. A request without a key is left to the other schemes.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Why the presented key was refused, for the problem details of the 401.</summary>
    public static string? FailureOf(HttpContext context) =>
        context.Items.TryGetValue(FailureItem, out var failure) ? failure as string : null;

    private static readonly object FailureItem = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var validation = await keys.ValidateAsync(presented, Context.RequestAborted);
        if (validation.Key is not { } key)
        {
            Context.Items[FailureItem] = validation.Failure;
            LogRefused(Logger, Request.Method, Request.Path.Value, validation.Failure);
            return AuthenticateResult.Fail(validation.Failure!);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, key.Role.ToString()),
            new(DashboardClaims.ActorKind, nameof(Operations.Security.ActorKind.ApiKey)),
        };
        claims.AddRange((key.Apps ?? []).Select(app => new Claim(DashboardClaims.App, app)));
        var identity = new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Every policy challenges every scheme: on a page without a key, the cookie's redirect to
        // the sign-in page must stand.
        var presented = PresentedKey(Request) is not null;
        if (!presented && !DashboardApiPaths.IsApi(Request.Path))
        {
            return;
        }

        var failure = presented ? (await HandleAuthenticateOnceSafeAsync()).Failure?.Message : null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(
            HeaderNames.WWWAuthenticate,
            failure is null
                ? $"Bearer realm=\"{ApiKeyAuthenticationDefaults.Realm}\""
                : $"Bearer realm=\"{ApiKeyAuthenticationDefaults.Realm}\", error=\"invalid_token\", error_description=\"{Quoted(failure)}\"");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (PresentedKey(Request) is not null)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return Task.CompletedTask;
    }

    /// <summary>The key in <c>Authorization: Bearer</c> or <c>X-Api-Key</c>, or null.</summary>
    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers[ApiKeyAuthenticationDefaults.HeaderName].ToString().Trim();
        return header.Length == 0 ? null : header;
    }

    // RFC 7235 quoted-string: no quotes or backslashes inside, and header values are ASCII.
    private static string Quoted(string text) =>
        new([.. text.Select(c => c is '"' or '\\' || c > 126 || char.IsControl(c) ? '\'' : c)]);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key refused on {Method} {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string? path, string? reason);
}
