using System.Security.Claims;
using System.Text.Json;
using MetaNode.Operations.Security;

namespace MetaNode.Dashboard.Security.SingleSignOn;

/// <summary>
/// Turns the roles or groups an OpenID provider says a user has into one dashboard role, through
/// <c>Dashboard:Security:OpenIdConnect:RoleMap</c>.
/// </summary>
internal static class SingleSignOnRoles
{
    /// <summary>
    /// The values of the <paramref name="claimType"/> claims on <paramref name="principal"/>, each once:
    /// one value per claim, and a claim that holds a JSON array read as its elements.
    /// </summary>
    public static IReadOnlyList<string> ProviderRoles(ClaimsPrincipal principal, string claimType)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var roles = new List<string>();
        foreach (var claim in principal.FindAll(claimType))
        {
            var value = claim.Value.Trim();
            if (!value.StartsWith('[') || !TryReadArray(value, roles))
            {
                roles.Add(value);
            }
        }

        return [.. roles.Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The strongest dashboard role any of <paramref name="providerRoles"/> maps to in
    /// <paramref name="roleMap"/> (names compared exactly); <paramref name="defaultRole"/> when none
    /// maps; null when there is no default either (the user gets no access).
    /// </summary>
    public static DashboardRole? Map(IEnumerable<string> providerRoles, IReadOnlyDictionary<string, string> roleMap, string? defaultRole)
    {
        ArgumentNullException.ThrowIfNull(providerRoles);
        ArgumentNullException.ThrowIfNull(roleMap);
        DashboardRole? strongest = null;
        foreach (var providerRole in providerRoles)
        {
            if (roleMap.TryGetValue(providerRole, out var name) && DashboardRoles.Parse(name) is { } role && (strongest is null || role > strongest))
            {
                strongest = role;
            }
        }

        return strongest ?? DashboardRoles.Parse(defaultRole);
    }

    private static bool TryReadArray(string json, List<string> roles)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.String)
                {
                    roles.Add(element.GetString()!.Trim());
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false; // a role name that merely starts with '['
        }
    }
}
