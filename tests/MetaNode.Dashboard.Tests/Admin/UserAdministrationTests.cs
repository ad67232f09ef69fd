using MetaNode.Dashboard.Security;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;
using MetaNode.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Tests.Admin;

/// <summary>User administration in the real app: Identity on the real store, the real gate and audit log.</summary>
public sealed class UserAdministrationTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private DashboardTestHost _host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private UserAdministration Administration => _host.Services.GetRequiredService<UserAdministration>();

    private IAuditLog Audit => _host.Services.GetRequiredService<IAuditLog>();

    public async ValueTask InitializeAsync()
    {
        _host = await DashboardTestHost.StartAsync(new() { DataDirectory = _data.Path }, Cancellation);
        await _host.CreateUserAsync("root", DashboardRoles.Admin);
        await _host.CreateUserAsync("olga", DashboardRoles.Operator);
        await _host.CreateUserAsync("vera", DashboardRoles.Viewer);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task List_AsAdmin_ShowsEveryUserWithRoleSourceAndLockout()
    {
        await Administration.LockAsync(await ActorAsync("root"), await IdAsync("vera"), Cancellation);

        var users = await Administration.ListAsync(await ActorAsync("root"), Cancellation);

        Assert.Equal(["olga", "root", "vera"], users.Select(u => u.UserName));
        Assert.Equal([DashboardRole.Operator, DashboardRole.Admin, DashboardRole.Viewer], users.Select(u => u.Role));
        Assert.All(users, u => Assert.Equal(UserSource.Local, u.Source));
        Assert.True(users[2].IsLockedOut);
        Assert.True(users[2].IsLockedByAdmin);
        Assert.False(users[0].IsLockedOut);
    }

    [Fact]
    public async Task List_AsOperator_IsDenied()
    {
        var denied = await Assert.ThrowsAsync<OperationDeniedException>(async () => await Administration.ListAsync(await ActorAsync("olga"), Cancellation));

        Assert.Equal("Listing users needs the Admin role; olga is Operator", denied.Message);
    }

    [Fact]
    public async Task ChangeRole_ViewerToOperator_RoleChangesAndOldSessionsNoLongerValidate()
    {
        var vera = await IdAsync("vera");
        var (stampBefore, session) = await SessionAsync("vera");
        var before = await LastAuditIdAsync();

        await Administration.ChangeRoleAsync(await ActorAsync("root"), vera, DashboardRole.Operator, Cancellation);

        await using var scope = _host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = (await users.FindByIdAsync(vera))!;
        Assert.Equal([DashboardRoles.Operator], await users.GetRolesAsync(user));
        Assert.NotEqual(stampBefore, await users.GetSecurityStampAsync(user));
        // What the cookie validator and the open pages' revalidation ask: the old sign-in is over.
        Assert.Null(await scope.ServiceProvider.GetRequiredService<SignInManager<DashboardUser>>().ValidateSecurityStampAsync(session));
        var entry = Assert.Single(await AuditAfterAsync(before));
        Assert.Equal(("root", "user.change-role", "vera", AuditOutcome.Succeeded), (entry.ActorName, entry.Action, entry.Target, entry.Outcome));
        Assert.Equal("""{"role":"Operator","previousRole":"Viewer"}""", entry.Parameters);
    }

    [Fact]
    public async Task ChangeRole_LastAdminDemoted_IsRefusedNamingTheRoleField()
    {
        var before = await LastAuditIdAsync();

        var error = await Assert.ThrowsAsync<OperationValidationException>(async () =>
            await Administration.ChangeRoleAsync(await ActorAsync("root"), await IdAsync("root"), DashboardRole.Operator, Cancellation));

        Assert.Equal("root is the last Admin who can sign in; make another user Admin first.", error.Errors["Role"]);
        Assert.Equal([DashboardRole.Admin], (await Administration.ListAsync(await ActorAsync("root"), Cancellation)).Where(u => u.UserName == "root").Select(u => u.Role));
        var entry = Assert.Single(await AuditAfterAsync(before));
        Assert.Equal(AuditOutcome.Failed, entry.Outcome);
        Assert.Equal("Role: root is the last Admin who can sign in; make another user Admin first.", entry.Error);
    }

    [Fact]
    public async Task ChangeRole_AnotherAdminExists_AdminMayStepDown()
    {
        await Administration.ChangeRoleAsync(await ActorAsync("root"), await IdAsync("olga"), DashboardRole.Admin, Cancellation);

        await Administration.ChangeRoleAsync(await ActorAsync("root"), await IdAsync("root"), DashboardRole.Viewer, Cancellation);

        var users = await Administration.ListAsync(await ActorAsync("olga"), Cancellation);
        Assert.Equal(DashboardRole.Viewer, users.Single(u => u.UserName == "root").Role);
    }

    [Fact]
    public async Task ChangeRole_OtherAdminLockedOut_StillTheLastAdminWhoCanSignIn()
    {
        await Administration.ChangeRoleAsync(await ActorAsync("root"), await IdAsync("olga"), DashboardRole.Admin, Cancellation);
        await Administration.LockAsync(await ActorAsync("root"), await IdAsync("olga"), Cancellation);

        var error = await Assert.ThrowsAsync<OperationValidationException>(async () =>
            await Administration.ChangeRoleAsync(await ActorAsync("root"), await IdAsync("root"), DashboardRole.Viewer, Cancellation));

        Assert.Contains("last Admin", error.Errors["Role"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_OwnAccount_IsRefused()
    {
        await Administration.ChangeRoleAsync(await ActorAsync("root"), await IdAsync("olga"), DashboardRole.Admin, Cancellation);

        var error = await Assert.ThrowsAsync<OperationValidationException>(async () =>
            await Administration.DeleteAsync(await ActorAsync("root"), await IdAsync("root"), Cancellation));

        Assert.Equal("You cannot delete your own account; another Admin can.", error.Errors["User"]);
    }

    [Fact]
    public async Task Delete_LastAdminByAnAdminApiKey_IsRefused()
    {
        var key = new Actor(ActorKind.ApiKey, "key-1", "ops-key", DashboardRole.Admin, null, "10.0.0.9", "corr-1");

        var error = await Assert.ThrowsAsync<OperationValidationException>(async () =>
            await Administration.DeleteAsync(key, await IdAsync("root"), Cancellation));

        Assert.Equal("root is the last Admin who can sign in; make another user Admin first.", error.Errors["User"]);
    }

    [Fact]
    public async Task Lock_LastAdminByAnAdminApiKey_IsRefused()
    {
        var key = new Actor(ActorKind.ApiKey, "key-1", "ops-key", DashboardRole.Admin, null, "10.0.0.9", "corr-1");

        var error = await Assert.ThrowsAsync<OperationValidationException>(async () =>
            await Administration.LockAsync(key, await IdAsync("root"), Cancellation));

        Assert.Contains("last Admin", error.Errors["User"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Viewer_AccountIsGoneAndItsAuditStays()
    {
        using (await _host.SignedInClientAsync("vera"))
        {
        }

        await Administration.DeleteAsync(await ActorAsync("root"), await IdAsync("vera"), Cancellation);

        await using var scope = _host.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByNameAsync("vera"));
        Assert.NotEmpty(await Audit.QueryAsync(new AuditQuery { Actor = "vera", Action = "user.sign-in" }, Cancellation));
    }

    [Fact]
    public async Task Lock_Viewer_CannotSignInUntilUnlocked()
    {
        var vera = await IdAsync("vera");

        await Administration.LockAsync(await ActorAsync("root"), vera, Cancellation);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _host.SignedInClientAsync("vera"));

        await Administration.UnlockAsync(await ActorAsync("root"), vera, Cancellation);
        using var client = await _host.SignedInClientAsync("vera");
        Assert.NotNull(client);
    }

    [Fact]
    public async Task ResetPassword_NewPassword_SignsInWithItAndNotTheOld()
    {
        const string NewPassword = "a brand new passphrase";

        await Administration.ResetPasswordAsync(await ActorAsync("root"), await IdAsync("olga"), NewPassword, Cancellation);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _host.SignedInClientAsync("olga"));
        using var client = await _host.SignedInClientAsync("olga", NewPassword);
        Assert.NotNull(client);
    }

    [Fact]
    public async Task ResetPassword_TooShort_IsRefusedNamingThePasswordField()
    {
        var error = await Assert.ThrowsAsync<OperationValidationException>(async () =>
            await Administration.ResetPasswordAsync(await ActorAsync("root"), await IdAsync("olga"), "short", Cancellation));

        Assert.StartsWith("Passwords must be at least", error.Errors["Password"], StringComparison.Ordinal);
        Assert.StartsWith("Password: Passwords must be at least", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Valid_UserSignsInWithTheRoleAndNoPasswordIsAudited()
    {
        var before = await LastAuditIdAsync();

        var created = await Administration.CreateAsync(await ActorAsync("root"), new NewUser("nina", DashboardRole.Operator, "nina's first passphrase"), Cancellation);

        Assert.Equal(("nina", DashboardRole.Operator, UserSource.Local), (created.UserName, created.Role, created.Source));
        Assert.NotNull(created.CreatedAt);
        var entry = Assert.Single(await AuditAfterAsync(before));
        Assert.Equal(("user.create", "nina", AuditOutcome.Succeeded), (entry.Action, entry.Target, entry.Outcome));
        Assert.Equal("""{"userName":"nina","role":"Operator"}""", entry.Parameters);
        Assert.DoesNotContain("passphrase", entry.Parameters, StringComparison.Ordinal);
        using var client = await _host.SignedInClientAsync("nina", "nina's first passphrase");
        Assert.NotNull(client);
    }

    [Fact]
    public async Task Create_TakenNameAndShortPassword_ReportsBothFieldsAtOnce()
    {
        var error = await Assert.ThrowsAsync<OperationValidationException>(async () =>
            await Administration.CreateAsync(await ActorAsync("root"), new NewUser("vera", DashboardRole.Viewer, "short"), Cancellation));

        Assert.Equal("vera is already taken.", error.Errors["UserName"]);
        Assert.StartsWith("Passwords must be at least", error.Errors["Password"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_BadNameAndUnknownRole_ReportsEachField()
    {
        var error = await Assert.ThrowsAsync<OperationValidationException>(async () =>
            await Administration.CreateAsync(await ActorAsync("root"), new NewUser("no spaces", (DashboardRole)7, DashboardTestHost.TestPassword), Cancellation));

        Assert.Equal("Use 2-64 letters, digits or . _ @ + -, starting with a letter or digit.", error.Errors["UserName"]);
        Assert.Equal("Choose Viewer, Operator or Admin.", error.Errors["Role"]);
    }

    public static TheoryData<string> Mutations => ["create", "change-role", "lock", "unlock", "reset-password", "delete"];

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task EveryMutation_ByAdmin_LeavesExactlyOneSucceededEntry(string mutation)
    {
        var before = await LastAuditIdAsync();

        await RunAsync(mutation, await ActorAsync("root"));

        var entry = Assert.Single(await AuditAfterAsync(before));
        Assert.Equal(("root", ActorKind.User, "user." + mutation, AuditOutcome.Succeeded), (entry.ActorName, entry.ActorKind, entry.Action, entry.Outcome));
        Assert.Equal(mutation == "create" ? "nina" : "vera", entry.Target);
        Assert.Equal("127.0.0.1", entry.SourceAddress);
        Assert.Equal("corr-root", entry.CorrelationId);
        Assert.Null(entry.Error);
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task EveryMutation_ByOperator_IsDeniedLeavingExactlyOneDeniedEntry(string mutation)
    {
        var before = await LastAuditIdAsync();

        var denied = await Assert.ThrowsAsync<OperationDeniedException>(async () => await RunAsync(mutation, await ActorAsync("olga")));

        var entry = Assert.Single(await AuditAfterAsync(before));
        Assert.Equal(("olga", "user." + mutation, AuditOutcome.Denied), (entry.ActorName, entry.Action, entry.Outcome));
        Assert.Equal($"user.{mutation} needs the Admin role; olga is Operator", denied.Message);
        Assert.Equal(denied.Message, entry.Error);
        Assert.Equal([DashboardRole.Operator, DashboardRole.Admin, DashboardRole.Viewer], (await Administration.ListAsync(await ActorAsync("root"), Cancellation)).Select(u => u.Role));
    }

    private async Task RunAsync(string mutation, Actor actor)
    {
        var vera = await IdAsync("vera");
        switch (mutation)
        {
            case "create":
                await Administration.CreateAsync(actor, new NewUser("nina", DashboardRole.Viewer, DashboardTestHost.TestPassword), Cancellation);
                break;
            case "change-role":
                await Administration.ChangeRoleAsync(actor, vera, DashboardRole.Operator, Cancellation);
                break;
            case "lock":
                await Administration.LockAsync(actor, vera, Cancellation);
                break;
            case "unlock":
                await Administration.UnlockAsync(actor, vera, Cancellation);
                break;
            case "reset-password":
                await Administration.ResetPasswordAsync(actor, vera, "another good passphrase", Cancellation);
                break;
            default:
                await Administration.DeleteAsync(actor, vera, Cancellation);
                break;
        }
    }

    private async Task<string> IdAsync(string userName)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByNameAsync(userName))!.Id;
    }

    /// <summary>The user as the pages see them: an actor with their id, role and address.</summary>
    private async Task<Actor> ActorAsync(string userName)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        var role = (await users.GetRolesAsync(user)).Select(DashboardRoles.Parse).Max();
        return new Actor(ActorKind.User, user.Id, userName, role, null, "127.0.0.1", $"corr-{userName}");
    }

    /// <summary>The user's security stamp and a principal as their sign-in cookie carries it.</summary>
    private async Task<(string? Stamp, System.Security.Claims.ClaimsPrincipal Session)> SessionAsync(string userName)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        var session = await scope.ServiceProvider.GetRequiredService<SignInManager<DashboardUser>>().CreateUserPrincipalAsync(user);
        return (await users.GetSecurityStampAsync(user), session);
    }

    private async Task<long> LastAuditIdAsync() =>
        (await Audit.QueryAsync(new AuditQuery { Limit = 1 }, Cancellation)).FirstOrDefault()?.Id ?? 0;

    private async Task<IReadOnlyList<AuditEntry>> AuditAfterAsync(long id) =>
        [.. (await Audit.QueryAsync(new AuditQuery { Limit = 100 }, Cancellation)).Where(e => e.Id > id)];
}
