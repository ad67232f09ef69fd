namespace MetaNode.Dashboard.Security.SingleSignOn;

/// <summary>
/// Why a single sign-on signed nobody in: the code the callback puts in the sign-in page's query
/// (<c>?external=no-role</c>) and the sentence the page shows for it. Only codes travel in the URL, so
/// a crafted link cannot make the page say anything else.
/// </summary>
internal static class ExternalSignInProblem
{
    /// <summary>The query parameter of the sign-in page that carries the code.</summary>
    public const string QueryName = "external";

    /// <summary>None of the user's provider roles maps to a dashboard role and there is no default role.</summary>
    public const string NoRole = "no-role";

    /// <summary>An Admin locked the account.</summary>
    public const string Locked = "locked";

    /// <summary>The provider refused or the exchange with it failed.</summary>
    public const string Failed = "failed";

    /// <summary>No completed sign-in to finish: it took too long, or did not start here.</summary>
    public const string Expired = "expired";

    /// <summary>What the sign-in page tells the user for <paramref name="code"/>; null for no or an unknown code.</summary>
    public static string? Describe(string? code, string providerName) => code switch
    {
        NoRole => $"You signed in with {providerName}, but your account there has no role in this dashboard: none of its roles or groups is mapped to Viewer, Operator or Admin. Ask an Admin to map one of them.",
        Locked => "This account is locked. An Admin can unlock it.",
        Failed => $"Sign-in with {providerName} did not complete. Try again; if it keeps failing, ask an Admin to check the single sign-on settings.",
        Expired => $"The sign-in with {providerName} took too long or was not started from this page. Try again.",
        _ => null,
    };
}
