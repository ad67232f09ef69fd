using AngleSharp.Dom;
using MetaNode.Dashboard.Components.Tests.Admin;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Components.Tests.Audit;

public sealed class AuditPageTests : StorePageContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public AuditPageTests() => SignIn("vera", DashboardRole.Viewer);

    private AuditEntry Entry(TimeSpan ago, string actor, string action, string target, AuditOutcome outcome, string? error = null, string? parameters = null, ActorKind kind = ActorKind.User) =>
        new(_now - ago, kind, "id-" + actor, actor, action, target, target.Contains('/', StringComparison.Ordinal) ? target.Split('/')[0] : null, parameters, outcome, error, "10.0.0.7", "corr-" + target);

    private async Task SeedAsync(params AuditEntry[] entries)
    {
        await StoreAsync();
        foreach (var entry in entries)
        {
            await AuditLog.AppendAsync(entry, Xunit.TestContext.Current.CancellationToken);
        }
    }

    private Task SeedDefaultAsync() => SeedAsync(
        Entry(TimeSpan.FromDays(20), "olga", "watched-node.add", "public-rpc/old", AuditOutcome.Succeeded),
        Entry(TimeSpan.FromHours(3), "olga", "watched-node.add", "public-rpc/rpc-2", AuditOutcome.Succeeded, parameters: """{"app":"public-rpc","name":"rpc-2","url":"http://10.0.0.6:8545"}"""),
        Entry(TimeSpan.FromHours(2), "vera", "watched-node.remove", "public-rpc/rpc-2", AuditOutcome.Denied, "watched-node.remove needs the Operator role; vera is Viewer"),
        Entry(TimeSpan.FromHours(1), "ci-key", "user.create", "nina", AuditOutcome.Failed, "UserName: nina is already taken.", kind: ActorKind.ApiKey));

    private IRenderedComponent<Pages.Audit> RenderAudit(string? query = null)
    {
        if (query is not null)
        {
            Services.GetRequiredService<NavigationManager>().NavigateTo("audit" + query);
        }

        var page = Render<Pages.Audit>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[aria-label='Loading the audit log']")), Wait);
        return page;
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<Pages.Audit> page) => page.FindAll("[data-testid=audit-entry]");

    private static IEnumerable<string> Targets(IRenderedComponent<Pages.Audit> page) =>
        Rows(page).Select(r => r.QuerySelectorAll("td")[3].TextContent);

    [Fact]
    public async Task Audit_LastSevenDays_NewestFirstWithEveryColumnReadable()
    {
        await SeedDefaultAsync();

        var page = RenderAudit();

        Assert.Equal(["nina", "public-rpc/rpc-2", "public-rpc/rpc-2"], Targets(page));
        var cells = Rows(page)[0].QuerySelectorAll("tr:first-child td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal((_now - TimeSpan.FromHours(1)).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), cells[0]);
        Assert.Equal("ci-key", Rows(page)[0].QuerySelector(".mn-strong")!.TextContent);
        Assert.Equal("API key", Rows(page)[0].QuerySelector("[data-testid=actor-kind]")!.TextContent);
        Assert.Equal(["user.create", "nina", "–", "Failed", "UserName: nina is already taken.", "10.0.0.7"], cells[2..]);
        Assert.Equal("Denied", Rows(page)[1].QuerySelector("[data-testid=outcome]")!.TextContent.Trim());
        Assert.Contains("mn-tone-warning", Rows(page)[1].QuerySelector("[data-testid=outcome]")!.ClassList);
        Assert.NotNull(Rows(page)[1].QuerySelector("[data-testid=outcome] svg"));
        Assert.Equal("3 matching entries.", page.Find("[data-testid=audit-summary]").TextContent);
    }

    [Fact]
    public async Task Audit_Parameters_ShownIndentedInAnExpandableDetail()
    {
        await SeedDefaultAsync();

        var page = RenderAudit();

        var details = Rows(page)[2].QuerySelector("details")!;
        Assert.Equal("Details", details.QuerySelector("summary")!.TextContent);
        Assert.False(details.HasAttribute("open"));
        Assert.Equal("{\n  \"app\": \"public-rpc\",\n  \"name\": \"rpc-2\",\n  \"url\": \"http://10.0.0.6:8545\"\n}", details.QuerySelector("[data-testid=parameters]")!.TextContent.ReplaceLineEndings("\n"));
        Assert.Contains("corr-public-rpc/rpc-2", details.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_TypeAnActor_ShowsOnlyTheirEntriesAndTheExportFollows()
    {
        await SeedDefaultAsync();
        var page = RenderAudit();

        page.Find("input[data-testid=filter-actor]").Input("VER");

        page.WaitForAssertion(() => Assert.Equal(["public-rpc/rpc-2"], Targets(page)), Wait);
        Assert.Equal("vera", Rows(page)[0].QuerySelector(".mn-strong")!.TextContent);
        Assert.Contains("actor=VER", page.Find("[data-testid=export-csv]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_SearchText_MatchesTargetParametersAndErrors()
    {
        await SeedDefaultAsync();
        var page = RenderAudit();

        page.Find("input[data-testid=filter-text]").Input("10.0.0.6");

        page.WaitForAssertion(() => Assert.Single(Rows(page)), Wait);
        Assert.Equal("Succeeded", Rows(page)[0].QuerySelector("[data-testid=outcome]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Audit_FiltersInTheAddress_ApplyOverAllTime()
    {
        await SeedDefaultAsync();

        var page = RenderAudit("?actor=olga&action=watched-node");

        Assert.Equal(["public-rpc/rpc-2", "public-rpc/old"], Targets(page));
        Assert.Equal("olga", page.Find("input[data-testid=filter-actor]").GetAttribute("value"));
    }

    [Fact]
    public async Task Audit_OutcomeInTheAddress_ShowsOnlyThatOutcome()
    {
        await SeedDefaultAsync();

        var page = RenderAudit("?outcome=denied");

        Assert.Equal(["Denied"], Rows(page).Select(r => r.QuerySelector("[data-testid=outcome]")!.TextContent.Trim()));
        Assert.Contains("outcome=Denied", page.Find("[data-testid=export-csv]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_ExportLink_DownloadsTheFilteredEntriesFromTheEndpoint()
    {
        await SeedDefaultAsync();

        var page = RenderAudit("?app=public-rpc");

        var link = page.Find("[data-testid=export-csv]");
        Assert.StartsWith("audit/export.csv?", link.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("app=public-rpc", link.GetAttribute("href"), StringComparison.Ordinal);
        Assert.DoesNotContain("from=", link.GetAttribute("href"), StringComparison.Ordinal); // all time
        Assert.Matches(@"^metanode-audit-\d{4}-\d{2}-\d{2}-\d{6}Z\.csv$", link.GetAttribute("download"));
    }

    [Fact]
    public async Task Audit_DefaultRange_ExportCarriesItsStart()
    {
        await SeedDefaultAsync();

        var page = RenderAudit();

        var href = page.Find("[data-testid=export-csv]").GetAttribute("href")!;
        var from = DateTimeOffset.Parse(Uri.UnescapeDataString(href.Split("from=")[1].Split('&')[0]), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(from, _now.AddDays(-7).AddMinutes(-1), _now.AddDays(-7).AddMinutes(1));
    }

    [Fact]
    public async Task Audit_MoreThanAPage_ShowsTheNewestAndMoreOnRequest()
    {
        await SeedAsync([.. Enumerable.Range(0, Pages.Audit.PageSize + 5).Select(i => Entry(TimeSpan.FromMinutes(i), "olga", "watched-node.add", $"public-rpc/rpc-{i}", AuditOutcome.Succeeded))]);
        var page = RenderAudit();

        Assert.Equal(Pages.Audit.PageSize, Rows(page).Count);
        Assert.Equal("public-rpc/rpc-0", Targets(page).First());
        Assert.Contains("The newest 200 matching entries", page.Find("[data-testid=audit-summary]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=show-more]").Click();

        page.WaitForAssertion(() => Assert.Equal(Pages.Audit.PageSize + 5, Rows(page).Count), Wait);
        Assert.Empty(page.FindAll("[data-testid=show-more]"));
    }

    [Fact]
    public async Task Audit_NothingMatches_SaysSo()
    {
        await SeedDefaultAsync();

        var page = RenderAudit("?actor=nobody");

        Assert.Contains("No audit entry matches", page.Find("[data-testid=no-entries]").TextContent, StringComparison.Ordinal);
    }
}
