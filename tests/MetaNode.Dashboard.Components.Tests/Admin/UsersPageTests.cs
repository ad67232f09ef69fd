using AngleSharp.Dom;
using MetaNode.Dashboard.Components.Pages.Admin;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MetaNode.Dashboard.Components.Tests.Admin;

public sealed class UsersPageTests : StorePageContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<Users> Page)> RenderAsAdminAsync()
    {
        var root = await CreateUserAsync("root", DashboardRole.Admin);
        await CreateUserAsync("olga", DashboardRole.Operator);
        await CreateUserAsync("vera", DashboardRole.Viewer);
        SignIn("root", DashboardRole.Admin, root);
        var dialogs = RenderDialogs();
        var page = Render<Users>();
        page.WaitForElement("[data-testid=users-table]", Wait);
        return (dialogs, page);
    }

    private static IElement Row(IRenderedComponent<Users> page, string userName) =>
        page.Find($"[data-testid=user-row][data-user='{userName}']");

    private static void Press(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.WaitForElements("button", Wait).First(b => b.TextContent.Trim() == text).Click();

    private IEnumerable<string?> Snackbars() => Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message);

    [Fact]
    public async Task Users_AsAdmin_ListsEveryUserWithRoleSourceAndStatus()
    {
        var (_, page) = await RenderAsAdminAsync();

        Assert.Equal(["olga", "root", "vera"], page.FindAll("[data-testid=user-row]").Select(r => r.GetAttribute("data-user")));
        Assert.Equal("Operator", Row(page, "olga").QuerySelector("[data-testid=user-role]")!.TextContent);
        Assert.Contains("Local password", Row(page, "vera").TextContent, StringComparison.Ordinal);
        Assert.Contains("Active", Row(page, "vera").QuerySelector("[data-testid=user-status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("3 users · 1 Admin", page.Find("[data-testid=user-counts]").TextContent);
    }

    [Fact]
    public async Task Users_OwnRow_OffersNeitherDeleteNorLock()
    {
        var (_, page) = await RenderAsAdminAsync();

        Assert.Contains("you", Row(page, "root").TextContent, StringComparison.Ordinal);
        Assert.Null(Row(page, "root").QuerySelector("[data-testid=delete]"));
        Assert.Null(Row(page, "root").QuerySelector("[data-testid=lock]"));
        Assert.NotNull(Row(page, "vera").QuerySelector("[data-testid=delete]"));
    }

    [Fact]
    public async Task Create_ValidForm_AddsTheUserWithASnackbar()
    {
        var (dialogs, page) = await RenderAsAdminAsync();

        page.Find("[data-testid=new-user]").Click();
        dialogs.WaitForElement("input[data-testid=field-user-name]", Wait).Change("nina");
        dialogs.Find("input[data-testid=field-password]").Change("nina's first passphrase");
        dialogs.Find("input[data-testid=field-confirm]").Change("nina's first passphrase");
        Press(dialogs, "Create user");

        page.WaitForAssertion(() => Assert.NotNull(Row(page, "nina")), Wait);
        Assert.Equal("Viewer", Row(page, "nina").QuerySelector("[data-testid=user-role]")!.TextContent);
        Assert.Contains("Created nina (Viewer). Give them the initial password by a channel you trust.", Snackbars());
        Assert.Empty(dialogs.FindAll("input[data-testid=field-user-name]"));
        var entry = (await AuditAsync()).First();
        Assert.Equal(("root", "user.create", "nina", AuditOutcome.Succeeded, "192.0.2.10"), (entry.ActorName, entry.Action, entry.Target, entry.Outcome, entry.SourceAddress));
    }

    [Fact]
    public async Task Create_TakenNameAndShortPassword_ShowsEachErrorUnderItsField()
    {
        var (dialogs, page) = await RenderAsAdminAsync();

        page.Find("[data-testid=new-user]").Click();
        dialogs.WaitForElement("input[data-testid=field-user-name]", Wait).Change("vera");
        dialogs.Find("input[data-testid=field-password]").Change("short");
        dialogs.Find("input[data-testid=field-confirm]").Change("short");
        Press(dialogs, "Create user");

        dialogs.WaitForAssertion(() => Assert.Contains("vera is already taken.", FieldText(dialogs, "field-user-name"), StringComparison.Ordinal), Wait);
        Assert.Contains("Passwords must be at least 12 characters.", FieldText(dialogs, "field-password"), StringComparison.Ordinal);
        Assert.Equal(3, page.FindAll("[data-testid=user-row]").Count);
    }

    [Fact]
    public async Task Create_PasswordsDiffer_SaysSoUnderTheSecondFieldAndCreatesNothing()
    {
        var (dialogs, page) = await RenderAsAdminAsync();
        var entries = (await AuditAsync()).Count;

        page.Find("[data-testid=new-user]").Click();
        dialogs.WaitForElement("input[data-testid=field-user-name]", Wait).Change("nina");
        dialogs.Find("input[data-testid=field-password]").Change("nina's first passphrase");
        dialogs.Find("input[data-testid=field-confirm]").Change("nina's first passphrasE");
        Press(dialogs, "Create user");

        dialogs.WaitForAssertion(() => Assert.Contains("The two passwords differ.", FieldText(dialogs, "field-confirm"), StringComparison.Ordinal), Wait);
        Assert.Equal(entries, (await AuditAsync()).Count);
    }

    [Fact]
    public async Task ChangeRole_Confirmed_ShowsTheNewRole()
    {
        var (dialogs, page) = await RenderAsAdminAsync();

        Row(page, "vera").QuerySelector("[data-testid=change-role]")!.Click();
        dialogs.WaitForElement("input[data-testid=field-role-Operator]", Wait).Click();
        Press(dialogs, "Change role");

        page.WaitForAssertion(() => Assert.Equal("Operator", Row(page, "vera").QuerySelector("[data-testid=user-role]")!.TextContent), Wait);
        Assert.Contains("vera is Operator now", Snackbars());
    }

    [Fact]
    public async Task ChangeRole_LastAdmin_ShowsTheRefusalUnderTheRoleField()
    {
        var (dialogs, page) = await RenderAsAdminAsync();

        Row(page, "root").QuerySelector("[data-testid=change-role]")!.Click();
        dialogs.WaitForElement("input[data-testid=field-role-Viewer]", Wait).Click();
        Press(dialogs, "Change role");

        dialogs.WaitForAssertion(
            () => Assert.Contains("root is the last Admin who can sign in; make another user Admin first.", dialogs.Find("[data-testid=role-error]").TextContent, StringComparison.Ordinal),
            Wait);
        Assert.Equal("Admin", Row(page, "root").QuerySelector("[data-testid=user-role]")!.TextContent);
        Assert.Equal(AuditOutcome.Failed, (await AuditAsync()).First().Outcome);
    }

    [Fact]
    public async Task Delete_Cancelled_KeepsTheUser()
    {
        var (dialogs, page) = await RenderAsAdminAsync();

        Row(page, "vera").QuerySelector("[data-testid=delete]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete vera?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Press(dialogs, "Cancel");

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Delete vera?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.NotNull(Row(page, "vera"));
        Assert.DoesNotContain(await AuditAsync(), e => e.Action == "user.delete");
    }

    [Fact]
    public async Task Delete_Confirmed_RemovesTheRowWithASnackbar()
    {
        var (dialogs, page) = await RenderAsAdminAsync();

        Row(page, "vera").QuerySelector("[data-testid=delete]")!.Click();
        Press(dialogs, "Delete");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=user-row][data-user='vera']")), Wait);
        Assert.Contains("Deleted vera", Snackbars());
    }

    [Fact]
    public async Task Lock_Confirmed_ShowsLockedByAnAdminAndOffersUnlock()
    {
        var (dialogs, page) = await RenderAsAdminAsync();

        Row(page, "olga").QuerySelector("[data-testid=lock]")!.Click();
        Press(dialogs, "Lock");

        page.WaitForAssertion(() => Assert.Contains("Locked", Row(page, "olga").QuerySelector("[data-testid=user-status]")!.TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("by an Admin", Row(page, "olga").TextContent, StringComparison.Ordinal);

        Row(page, "olga").QuerySelector("[data-testid=unlock]")!.Click();

        page.WaitForAssertion(() => Assert.Contains("Active", Row(page, "olga").QuerySelector("[data-testid=user-status]")!.TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(["user.unlock", "user.lock"], (await AuditAsync()).Take(2).Select(e => e.Action));
    }

    [Fact]
    public async Task ResetPassword_TooShort_ShowsTheRuleUnderTheField()
    {
        var (dialogs, page) = await RenderAsAdminAsync();

        Row(page, "olga").QuerySelector("[data-testid=reset-password]")!.Click();
        dialogs.WaitForElement("input[data-testid=field-reset-password]", Wait).Change("short");
        dialogs.Find("input[data-testid=field-reset-confirm]").Change("short");
        Press(dialogs, "Reset password");

        dialogs.WaitForAssertion(() => Assert.Contains("Passwords must be at least 12 characters.", FieldText(dialogs, "field-reset-password"), StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task ResetPassword_Valid_ClosesWithASnackbar()
    {
        var (dialogs, page) = await RenderAsAdminAsync();

        Row(page, "olga").QuerySelector("[data-testid=reset-password]")!.Click();
        dialogs.WaitForElement("input[data-testid=field-reset-password]", Wait).Change("olga's new passphrase");
        dialogs.Find("input[data-testid=field-reset-confirm]").Change("olga's new passphrase");
        Press(dialogs, "Reset password");

        page.WaitForAssertion(() => Assert.Contains("Set a new password for olga", Snackbars()), Wait);
        Assert.Equal(("user.reset-password", "olga", AuditOutcome.Succeeded), (await AuditAsync()).Select(e => (e.Action, e.Target, e.Outcome)).First());
    }

    [Fact]
    public async Task Users_NotAnAdmin_ShowsTheServicesRefusal()
    {
        await CreateUserAsync("olga", DashboardRole.Operator);
        SignIn("olga", DashboardRole.Operator);

        var page = Render<Users>();

        page.WaitForAssertion(() => Assert.Equal("Listing users needs the Admin role; olga is Operator", page.Find("[data-testid=users-problem]").TextContent.Trim()), Wait);
        Assert.Empty(page.FindAll("[data-testid=user-row]"));
    }

    /// <summary>The text of a field's whole control (label, input, helper or error line).</summary>
    private static string FieldText(IRenderedComponent<MudDialogProvider> dialogs, string testId) =>
        dialogs.Find($"input[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;
}
