using MetaNode.Dashboard.Components.Layout;

namespace MetaNode.Dashboard.Components.Tests.Admin;

public sealed class NavMenuTests : DashboardComponentContext
{
    private IEnumerable<string?> Links()
    {
        var menu = Render<NavMenu>();
        return menu.FindAll("a").Select(a => a.GetAttribute("href"));
    }

    [Fact]
    public void NavMenu_Viewer_ShowsWatchedAuditAndApiButNoAdminGroup()
    {
        Authorization.SetRoles("Viewer");
        Authorization.SetPolicies("Viewer");

        var links = Links().ToList();

        Assert.Contains("watched", links);
        Assert.Contains("audit", links);
        Assert.Contains("api", links);
        Assert.Contains("system", links);
        Assert.DoesNotContain("admin/users", links);
        Assert.DoesNotContain("admin/api-keys", links);
    }

    [Fact]
    public void NavMenu_Admin_ShowsTheAdminGroupWithUsersAndApiKeys()
    {
        Authorization.SetRoles("Admin");
        Authorization.SetPolicies("Viewer", "Operator", "Admin");

        var menu = Render<NavMenu>();

        var admin = menu.Find("[data-testid=nav-admin]");
        Assert.Contains("Admin", admin.TextContent, StringComparison.Ordinal);
        Assert.Equal(["admin/users", "admin/api-keys"], admin.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Users", admin.TextContent, StringComparison.Ordinal);
        Assert.Contains("API keys", admin.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void NavMenu_NotSignedIn_ShowsNoRoleLinks()
    {
        Authorization.SetNotAuthorized();

        var links = Links().ToList();

        Assert.DoesNotContain("watched", links);
        Assert.DoesNotContain("audit", links);
        Assert.DoesNotContain("admin/users", links);
    }
}
