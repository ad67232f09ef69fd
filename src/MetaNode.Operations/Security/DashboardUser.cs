using Microsoft.AspNetCore.Identity;

namespace MetaNode.Operations.Security;

/// <summary>A person who signs in to the dashboard (locally, or through single sign-on).</summary>
public sealed class DashboardUser : IdentityUser
{
    /// <summary>When the account was created (Unix ms).</summary>
    public long CreatedAtMs { get; set; }

    /// <summary>Null for a local account; the single sign-on provider's name for an account it created.</summary>
    public string? ExternalProvider { get; set; }
}
