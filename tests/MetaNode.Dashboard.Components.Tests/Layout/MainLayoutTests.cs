using MetaNode.Dashboard.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Components.Tests.Layout;

public sealed class MainLayoutTests : DashboardComponentContext
{
    private IRenderedComponent<MainLayout> RenderShell(bool? darkMode = null, RenderFragment? body = null) =>
        Render<MainLayout>(parameters => parameters
            .AddCascadingValue(new ThemePreference(darkMode))
            .Add(layout => layout.Body, body ?? (builder => builder.AddMarkupContent(0, "<p id=\"page-body\">page body</p>"))));

    [Fact]
    public void Shell_Rendered_HasAppBarNavigationConnectionIndicatorAndBody()
    {
        var shell = RenderShell();

        Assert.NotNull(shell.Find("header.mud-appbar"));
        Assert.NotNull(shell.Find("nav[aria-label='Main navigation']"));
        Assert.Equal("live", shell.Find("#mn-connection").GetAttribute("data-state"));
        Assert.Equal("page body", shell.Find("#page-body").TextContent);
    }

    [Fact]
    public void Shell_InteractiveRenderer_MarksDataInteractiveTrue()
    {
        var shell = RenderShell();

        Assert.Equal("true", shell.Find(".mn-shell").GetAttribute("data-interactive"));
    }

    [Fact]
    public void Shell_Prerendered_MarksDataInteractiveFalse()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var shell = RenderShell();

        Assert.Equal("false", shell.Find(".mn-shell").GetAttribute("data-interactive"));
        Assert.Equal("connecting", shell.Find("#mn-connection").GetAttribute("data-state"));
    }

    [Fact]
    public void ThemeToggle_FromLight_SwitchesToDarkAndRemembersItInTheBrowser()
    {
        var shell = RenderShell(darkMode: false);

        shell.Find("[data-testid=theme-toggle]").Click();

        Assert.Equal("dark", shell.Find(".mn-shell").GetAttribute("data-theme"));
        var remembered = Assert.Single(JSInterop.Invocations, i => i.Identifier == "metanode.rememberTheme");
        Assert.Equal("dark", remembered.Arguments[0]);
        Assert.Equal("Switch to light theme", shell.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
    }

    [Fact]
    public void ThemeToggle_RememberedDark_StartsDarkAndSwitchesToLight()
    {
        var shell = RenderShell(darkMode: true);
        Assert.Equal("dark", shell.Find(".mn-shell").GetAttribute("data-theme"));

        shell.Find("[data-testid=theme-toggle]").Click();

        Assert.Equal("light", shell.Find(".mn-shell").GetAttribute("data-theme"));
        Assert.Equal("light", JSInterop.Invocations.Single(i => i.Identifier == "metanode.rememberTheme").Arguments[0]);
    }

    [Fact]
    public void NavMenu_NavigatedToSystem_MarksThatLinkActive()
    {
        var shell = RenderShell();
        var navigation = Services.GetRequiredService<NavigationManager>();

        navigation.NavigateTo("system");

        shell.WaitForAssertion(() =>
            Assert.Contains("active", shell.Find("a[href='system']").ClassList));
    }

    [Fact]
    public void ErrorBoundary_PageThrows_ShowsFriendlyMessageAndRecoversOnRetry()
    {
        var fail = true;
        var shell = RenderShell(body: builder =>
        {
            builder.OpenComponent<Thrower>(0);
            builder.AddComponentParameter(1, nameof(Thrower.ShouldThrow), (Func<bool>)(() => fail));
            builder.CloseComponent();
        });

        Assert.Contains("This page ran into a problem", shell.Find("[data-testid=page-error]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", shell.Markup, StringComparison.Ordinal);

        fail = false;
        shell.FindAll("[data-testid=page-error] button").Single(b => b.TextContent.Contains("Try again", StringComparison.Ordinal)).Click();

        Assert.Empty(shell.FindAll("[data-testid=page-error]"));
        Assert.Equal("recovered", shell.Find("#thrower").TextContent);
    }

    private sealed class Thrower : ComponentBase
    {
        [Parameter]
        public Func<bool> ShouldThrow { get; set; } = () => true;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            if (ShouldThrow())
            {
                throw new InvalidOperationException("boom");
            }

            builder.AddMarkupContent(0, "<p id=\"thrower\">recovered</p>");
        }
    }
}
