using System.Reflection;
using MetaNode.Dashboard.Security;
using MetaNode.Dashboard.Tests.Api;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Tests.Security;

/// <summary>
/// What an open page's periodic re-check decides about the sign-in it started with: it stays
/// while the account is unchanged, and ends once the account is locked, deleted, demoted or its
/// password reset by an Admin.
/// </summary>
public sealed class RevalidationTests(ApiTestHost api) : IClassFixture<ApiTestHost>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private UserAdministration Users => api.Services.GetRequiredService<UserAdministration>();

    [Fact]
    public async Task UnchangedAccount_StaysSignedIn()
    {
        var (_, state) = await SignedInOperatorAsync();

        Assert.True(await StillValidAsync(state));
    }

    [Fact]
    public async Task AdminChanges_EndTheOpenSignIn()
    {
        var admin = Actor.System("revalidation test");
        var changes = new Func<string, Task>[]
        {
            id => Users.LockAsync(admin, id, Cancellation),
            id => Users.ChangeRoleAsync(admin, id, DashboardRole.Viewer, Cancellation),
            id => Users.ResetPasswordAsync(admin, id, "a replaced passphrase", Cancellation),
            id => Users.DeleteAsync(admin, id, Cancellation),
        };

        foreach (var change in changes)
        {
            var (id, state) = await SignedInOperatorAsync();
            await change(id);
            Assert.False(await StillValidAsync(state), $"change {Array.IndexOf(changes, change)} ends the sign-in");
        }
    }

    private async Task<(string Id, AuthenticationState State)> SignedInOperatorAsync()
    {
        var name = "reval-" + Guid.NewGuid().ToString("N")[..8];
        await api.Host.CreateUserAsync(name, DashboardRoles.Operator);
        await using var scope = api.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = (await users.FindByNameAsync(name))!;
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<DashboardUser>>().CreateUserPrincipalAsync(user);
        return (user.Id, new AuthenticationState(principal));
    }

    private async Task<bool> StillValidAsync(AuthenticationState state)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        Assert.IsType<RevalidatingAuthenticationStateProvider>(provider);

        // The framework calls this protected check on its timer; the test calls it at once.
        var check = provider.GetType().GetMethod("ValidateAuthenticationStateAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;
        return await (Task<bool>)check.Invoke(provider, [state, Cancellation])!;
    }
}
