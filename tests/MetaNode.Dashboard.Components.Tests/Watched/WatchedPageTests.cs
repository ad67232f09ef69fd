using AngleSharp.Dom;
using MetaNode.Dashboard.Components.Tests.Admin;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Clusters.Watched;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Security;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MetaNode.Dashboard.Components.Tests.Watched;

public sealed class WatchedPageTests : StorePageContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public WatchedPageTests()
    {
        Options.Apps["public-rpc"] = new AppOptions
        {
            Provider = "Watched",
            Nodes = { ["rpc-1"] = new WatchedNodeOptions { Url = "http://10.0.0.5:8545", Component = "blockchain", Zone = "eu-1a", Region = "eu-1" } },
        };
    }

    private WatchedNodeService Service => Services.GetRequiredService<WatchedNodeService>();

    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<Pages.Watched> Page)> RenderAsync(DashboardRole role)
    {
        await StoreAsync();
        await Service.AddAsync(Actor.System("test"), new WatchedNodeRequest("public-rpc", "rpc-2", "blockchain", "http://10.0.0.6:8545"), Xunit.TestContext.Current.CancellationToken);
        SignIn(role == DashboardRole.Viewer ? "vera" : "olga", role);
        return (RenderDialogs(), Render<Pages.Watched>());
    }

    private static IElement Node(IRenderedComponent<Pages.Watched> page, string id) =>
        page.Find($"[data-testid=watched-node][data-node='{id}']");

    private IEnumerable<string?> Snackbars() => Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message);

    private static void Type(IRenderedComponent<Pages.Watched> page, string field, string value) =>
        page.Find($"input[data-testid=field-{field}]").Change(value);

    private static string FieldText(IRenderedComponent<Pages.Watched> page, string field) =>
        page.Find($"input[data-testid=field-{field}]").Closest(".mud-input-control")!.TextContent;

    [Fact]
    public async Task Watched_ConfiguredAndAddedNodes_ListedByAppWithLinksAndWhereTheyComeFrom()
    {
        var (_, page) = await RenderAsync(DashboardRole.Operator);

        Assert.Equal(["public-rpc"], page.FindAll("[data-testid=watched-app]").Select(a => a.GetAttribute("data-app")));
        Assert.Equal(["public-rpc/rpc-1", "public-rpc/rpc-2"], page.FindAll("[data-testid=watched-node]").Select(n => n.GetAttribute("data-node")));
        Assert.Equal("nodes/public-rpc/rpc-1", Node(page, "public-rpc/rpc-1").QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("http://10.0.0.5:8545/", Node(page, "public-rpc/rpc-1").TextContent, StringComparison.Ordinal);
        Assert.Contains("eu-1a", Node(page, "public-rpc/rpc-1").TextContent, StringComparison.Ordinal);
        Assert.Equal("from appsettings.json", Node(page, "public-rpc/rpc-1").QuerySelector("[data-testid=from-configuration]")!.TextContent);
        Assert.Null(Node(page, "public-rpc/rpc-1").QuerySelector("[data-testid=remove-node]"));
        Assert.Contains("added on this page", Node(page, "public-rpc/rpc-2").TextContent, StringComparison.Ordinal);
        Assert.NotNull(Node(page, "public-rpc/rpc-2").QuerySelector("[data-testid=remove-node]"));
    }

    [Fact]
    public async Task Watched_AsViewer_ShowsNodesWithoutFormOrRemoveButtons()
    {
        var (_, page) = await RenderAsync(DashboardRole.Viewer);

        Assert.Equal(2, page.FindAll("[data-testid=watched-node]").Count);
        Assert.Empty(page.FindAll("[data-testid=add-node-form]"));
        Assert.Empty(page.FindAll("[data-testid=remove-node]"));
        Assert.Equal("Operators and Admins can add and remove watched nodes.", page.Find("[data-testid=operators-only]").TextContent);
    }

    [Fact]
    public async Task Watched_NothingWatched_SaysHowToStart()
    {
        Options.Apps.Clear();
        await StoreAsync();
        SignIn("olga", DashboardRole.Operator);

        var page = Render<Pages.Watched>();

        Assert.Contains("No node is watched yet", page.Find("[data-testid=no-watched]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=add-node-form]"));
    }

    [Fact]
    public async Task Add_ValidForm_NodeAppearsWithASnackbarAndAnAuditEntry()
    {
        var (_, page) = await RenderAsync(DashboardRole.Operator);

        Type(page, "app", "public-rpc");
        Type(page, "name", "rpc-3");
        Type(page, "url", "http://10.0.0.7:8545");
        Type(page, "zone", "eu-1b");
        page.Find("[data-testid=add-node-form]").Submit();

        page.WaitForAssertion(() => Assert.NotNull(Node(page, "public-rpc/rpc-3")), Wait);
        Assert.Contains("eu-1b", Node(page, "public-rpc/rpc-3").TextContent, StringComparison.Ordinal);
        Assert.Contains("Watching public-rpc/rpc-3 at http://10.0.0.7:8545/", Snackbars());
        Assert.Equal(string.Empty, page.Find("input[data-testid=field-name]").GetAttribute("value") ?? string.Empty);
        var entry = (await AuditAsync()).First();
        Assert.Equal(("olga", "watched-node.add", "public-rpc/rpc-3", AuditOutcome.Succeeded), (entry.ActorName, entry.Action, entry.Target, entry.Outcome));
    }

    [Fact]
    public async Task Add_WrongInput_ShowsEachErrorUnderItsField()
    {
        var (_, page) = await RenderAsync(DashboardRole.Operator);

        Type(page, "app", "Public RPC");
        Type(page, "name", "rpc-1");
        Type(page, "url", "ftp://10.0.0.7");
        page.Find("[data-testid=add-node-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("App must be 1-40 lowercase letters", FieldText(page, "app"), StringComparison.Ordinal), Wait);
        Assert.Contains("URL must be an absolute http:// or https:// address", FieldText(page, "url"), StringComparison.Ordinal);
        Assert.DoesNotContain("must", FieldText(page, "name"), StringComparison.Ordinal);
        Assert.Equal(2, page.FindAll("[data-testid=watched-node]").Count);
        Assert.Equal(AuditOutcome.Failed, (await AuditAsync()).First().Outcome);
    }

    [Fact]
    public async Task Add_NameTakenInTheApp_SaysSoUnderName()
    {
        var (_, page) = await RenderAsync(DashboardRole.Operator);

        Type(page, "app", "public-rpc");
        Type(page, "name", "rpc-2");
        Type(page, "url", "http://10.0.0.9:8545");
        page.Find("[data-testid=add-node-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("public-rpc already has a node named rpc-2", FieldText(page, "name"), StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task Add_ServiceRefusesTheRole_ShowsItsMessage()
    {
        var (_, page) = await RenderAsync(DashboardRole.Operator);
        Authorization.SetRoles("Viewer"); // the page still shows the form; the service decides

        Type(page, "app", "public-rpc");
        Type(page, "name", "rpc-3");
        Type(page, "url", "http://10.0.0.7:8545");
        page.Find("[data-testid=add-node-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal("watched-node.add needs the Operator role; olga is Viewer", page.Find("[data-testid=watched-problem]").TextContent.Trim()), Wait);
        Assert.Equal(2, page.FindAll("[data-testid=watched-node]").Count);
        Assert.Equal(AuditOutcome.Denied, (await AuditAsync()).First().Outcome);
    }

    [Fact]
    public async Task Remove_Confirmed_RowGoesWithASnackbar()
    {
        var (dialogs, page) = await RenderAsync(DashboardRole.Operator);

        Node(page, "public-rpc/rpc-2").QuerySelector("[data-testid=remove-node]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Stop watching public-rpc/rpc-2?", dialogs.Markup, StringComparison.Ordinal), Wait);
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Stop watching").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=watched-node][data-node='public-rpc/rpc-2']")), Wait);
        Assert.Contains("Stopped watching public-rpc/rpc-2", Snackbars());
        Assert.Equal(("watched-node.remove", AuditOutcome.Succeeded), (await AuditAsync()).Select(e => (e.Action, e.Outcome)).First());
    }

    [Fact]
    public async Task Remove_Cancelled_KeepsTheNode()
    {
        var (dialogs, page) = await RenderAsync(DashboardRole.Operator);

        Node(page, "public-rpc/rpc-2").QuerySelector("[data-testid=remove-node]")!.Click();
        dialogs.WaitForElements("button", Wait).First(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Stop watching public-rpc/rpc-2?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.NotNull(Node(page, "public-rpc/rpc-2"));
        Assert.DoesNotContain(await AuditAsync(), e => e.Action == "watched-node.remove");
    }

    [Fact]
    public async Task Watched_NodeAddedElsewhere_AppearsWithoutReload()
    {
        var (_, page) = await RenderAsync(DashboardRole.Viewer);

        await Service.AddAsync(Actor.System("api"), new WatchedNodeRequest("partner-rpc", "rpc-1", "blockchain", "http://10.0.1.5:8545"), Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.NotNull(Node(page, "partner-rpc/rpc-1")), Wait);
        Assert.Equal(["partner-rpc", "public-rpc"], page.FindAll("[data-testid=watched-app]").Select(a => a.GetAttribute("data-app")));
    }
}
