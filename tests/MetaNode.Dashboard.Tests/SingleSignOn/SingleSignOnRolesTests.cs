using System.Security.Claims;
using MetaNode.Dashboard.Security.SingleSignOn;
using MetaNode.Operations.Security;

namespace MetaNode.Dashboard.Tests.SingleSignOn;

public sealed class SingleSignOnRolesTests
{
    private static readonly Dictionary<string, string> RoleMap = new(StringComparer.Ordinal)
    {
        ["ops-admins"] = "Admin",
        ["ops-operators"] = "Operator",
        ["ops-viewers"] = "Viewer",
        ["legacy"] = "Superuser",
    };

    [Fact]
    public void Map_SeveralRolesMap_StrongestWins()
    {
        Assert.Equal(DashboardRole.Admin, SingleSignOnRoles.Map(["ops-viewers", "ops-admins", "ops-operators"], RoleMap, null));
        Assert.Equal(DashboardRole.Operator, SingleSignOnRoles.Map(["ops-viewers", "ops-operators"], RoleMap, "Admin"));
    }

    [Fact]
    public void Map_NothingMaps_GivesTheDefaultRole() =>
        Assert.Equal(DashboardRole.Viewer, SingleSignOnRoles.Map(["contractors"], RoleMap, "viewer"));

    [Fact]
    public void Map_NothingMapsAndNoDefault_GivesNoRole()
    {
        Assert.Null(SingleSignOnRoles.Map(["contractors"], RoleMap, null));
        Assert.Null(SingleSignOnRoles.Map([], RoleMap, string.Empty));
    }

    [Fact]
    public void Map_ProviderRoleDiffersInCase_DoesNotMatch() =>
        Assert.Null(SingleSignOnRoles.Map(["OPS-ADMINS"], RoleMap, null));

    [Fact]
    public void Map_MappedToUnknownDashboardRole_IsIgnored() =>
        Assert.Equal(DashboardRole.Viewer, SingleSignOnRoles.Map(["legacy", "ops-viewers"], RoleMap, null));

    [Fact]
    public void ProviderRoles_SeveralClaims_ReadsEachOnce()
    {
        var principal = Principal(("roles", "ops-admins"), ("roles", "ops-viewers"), ("roles", "ops-admins"), ("groups", "other"));

        Assert.Equal(["ops-admins", "ops-viewers"], SingleSignOnRoles.ProviderRoles(principal, "roles"));
    }

    [Fact]
    public void ProviderRoles_JsonArrayInOneClaim_ReadsItsElements()
    {
        var principal = Principal(("roles", """["ops-admins", "ops-viewers"]"""), ("roles", "ops-operators"));

        Assert.Equal(["ops-admins", "ops-viewers", "ops-operators"], SingleSignOnRoles.ProviderRoles(principal, "roles"));
    }

    [Fact]
    public void ProviderRoles_ValueStartingWithBracketButNotJson_IsKeptAsItIs() =>
        Assert.Equal(["[ops] admins"], SingleSignOnRoles.ProviderRoles(Principal(("roles", "[ops] admins")), "roles"));

    [Fact]
    public void ProviderRoles_NoSuchClaim_IsEmpty() =>
        Assert.Empty(SingleSignOnRoles.ProviderRoles(Principal(("sub", "1")), "roles"));

    [Theory]
    [InlineData("alice", "alice@example.com", "Alice Smith", "alice")]
    [InlineData(null, "alice@example.com", "Alice Smith", "alice@example.com")]
    [InlineData(null, null, "Alice  Smith (Ops)", "Alice-Smith-Ops")]
    [InlineData(null, null, null, "subject-1")]
    [InlineData("Ünïcødé", null, null, "n-c-d")]
    [InlineData("  ", null, "***", "sso-user")]
    public void ProposedUserName_TakesTheFirstClaimPresent_InTheCharactersUserNamesAllow(string? preferred, string? email, string? name, string expected)
    {
        var claims = new List<(string, string)>();
        if (preferred is not null)
        {
            claims.Add(("preferred_username", preferred));
        }

        if (email is not null)
        {
            claims.Add(("email", email));
        }

        if (name is not null)
        {
            claims.Add(("name", name));
        }

        Assert.Equal(expected, ExternalSignIn.ProposedUserName(Principal([.. claims]), "subject-1"));
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));
}
