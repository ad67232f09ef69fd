namespace MetaNode.Operations.Configuration;

/// <summary><c>Dashboard:Security</c>: sign-in, sessions, first-run setup, single sign-on.</summary>
public sealed class SecurityOptions
{
    /// <summary>Cookies only over HTTPS, HSTS, HTTP redirected to HTTPS (set behind TLS).</summary>
    public bool RequireHttps { get; set; }

    /// <summary>How long a sign-in lasts without activity (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often open pages re-check the user's account and roles.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the first-run setup link stays valid.</summary>
    public TimeSpan SetupTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>An Admin created at the first start when no user exists (password from the environment).</summary>
    public SeedAdminOptions SeedAdmin { get; set; } = new();

    /// <summary>Password rules for local accounts.</summary>
    public PasswordRuleOptions Passwords { get; set; } = new();

    /// <summary>Lockout after repeated failed sign-ins.</summary>
    public LockoutRuleOptions Lockout { get; set; } = new();

    /// <summary>Single sign-on through an OpenID Connect provider.</summary>
    public OpenIdConnectOptions OpenIdConnect { get; set; } = new();

    /// <summary>Requests per minute per client on the sign-in form.</summary>
    public int SignInRequestsPerMinute { get; set; } = 10;

    /// <summary>Requests per minute per API key or user on <c>/api/v1</c>.</summary>
    public int ApiRequestsPerMinute { get; set; } = 600;
}

/// <summary><c>Dashboard:Security:SeedAdmin</c>. Give the password through <c>Dashboard__Security__SeedAdmin__Password</c>.</summary>
public sealed class SeedAdminOptions
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}

/// <summary><c>Dashboard:Security:Passwords</c>.</summary>
public sealed class PasswordRuleOptions
{
    /// <summary>Length beats complexity rules: 12 characters by default.</summary>
    public int MinimumLength { get; set; } = 12;

    /// <summary>Different characters a password needs.</summary>
    public int MinimumUniqueCharacters { get; set; } = 5;
}

/// <summary><c>Dashboard:Security:Lockout</c>.</summary>
public sealed class LockoutRuleOptions
{
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary><c>Dashboard:Security:OpenIdConnect</c>: sign-in through a company identity provider.</summary>
public sealed class OpenIdConnectOptions
{
    public bool Enabled { get; set; }

    /// <summary>The button's words on the sign-in page ("Sign in with Contoso SSO").</summary>
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>The provider's issuer URL.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Give it through <c>Dashboard__Security__OpenIdConnect__ClientSecret</c>, never in a file.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes besides openid and profile.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The claim that carries the user's groups or roles.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Provider role or group → dashboard role (Viewer, Operator, Admin). The strongest match wins.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The role of a user none of whose claims map; empty means no role (the user sees a refusal).</summary>
    public string? DefaultRole { get; set; }

    /// <summary>Fetch the provider's metadata only over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
