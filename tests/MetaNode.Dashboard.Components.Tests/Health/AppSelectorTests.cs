using MetaNode.Dashboard.Components.Layout;
using MetaNode.Dashboard.Components.Tests.Support;
using MetaNode.Operations.Configuration;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Components.Tests.Health;

public sealed class AppSelectorTests : HealthPageContext
{
    public AppSelectorTests()
    {
        Options.Apps["other-app"] = new AppOptions
        {
            Provider = "Watched",
            Components = { ["blockchain"] = new ComponentOptions { Replicas = 2 } },
        };
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<MainLayout> RenderShell() =>
        Render<MainLayout>(parameters => parameters
            .AddCascadingValue(new ThemePreference(false))
            .Add(layout => layout.Body, builder => builder.AddMarkupContent(0, "<p>page</p>")));

    private static void Choose(IRenderedComponent<MainLayout> shell, string app)
    {
        shell.Find(".mn-app-selector button").Click();
        shell.WaitForAssertion(() => Assert.NotEmpty(shell.FindAll("[data-testid=app-option]")));
        shell.Find($"[data-testid=app-option][data-app={app}]").Click();
    }

    [Fact]
    public void AppSelector_NoAppInAddress_ShowsFirstAppWithItsProvider()
    {
        var shell = RenderShell();

        Assert.Contains("my-app · Local", shell.Find(".mn-app-selector button").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AppSelector_Opened_ListsEveryAppWithItsProvider()
    {
        var shell = RenderShell();

        shell.Find(".mn-app-selector button").Click();

        shell.WaitForAssertion(() => Assert.Equal(2, shell.FindAll("[data-testid=app-option]").Count));
        var options = shell.FindAll("[data-testid=app-option]").Select(o => o.TextContent).ToList();
        Assert.Contains("my-app", options[0], StringComparison.Ordinal);
        Assert.Contains("Local", options[0], StringComparison.Ordinal);
        Assert.Contains("other-app", options[1], StringComparison.Ordinal);
        Assert.Contains("Watched", options[1], StringComparison.Ordinal);
    }

    [Fact]
    public void AppSelector_ChooseApp_KeepsThePageAndPutsTheAppInTheAddress()
    {
        Navigation.NavigateTo("nodes");
        var shell = RenderShell();

        Choose(shell, "other-app");

        Assert.Equal("http://localhost/nodes?app=other-app", Navigation.Uri);
        shell.WaitForAssertion(() => Assert.Contains("other-app · Watched", shell.Find(".mn-app-selector button").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void AppSelector_ChooseAppOnNodePage_GoesToThatAppsNodes()
    {
        Navigation.NavigateTo("nodes/my-app/validator-2");
        var shell = RenderShell();

        Choose(shell, "other-app");

        Assert.Equal("http://localhost/nodes?app=other-app", Navigation.Uri);
    }

    [Fact]
    public void NavMenu_AppInAddress_HealthLinksCarryIt()
    {
        Navigation.NavigateTo("system?app=other-app");

        var shell = RenderShell();

        Assert.NotNull(shell.Find("nav a[href='./?app=other-app']"));
        Assert.NotNull(shell.Find("nav a[href='nodes?app=other-app']"));
        Assert.NotNull(shell.Find("nav a[href='system']"));
    }

    [Fact]
    public void NavMenu_OnNodesPage_MarksNodesActive()
    {
        Navigation.NavigateTo("nodes?app=my-app");

        var shell = RenderShell();

        Assert.Contains("active", shell.Find("nav a[href='nodes?app=my-app']").ClassList);
        Assert.DoesNotContain("active", shell.Find("nav a[href='./?app=my-app']").ClassList);
    }
}
