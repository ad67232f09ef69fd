using System.Text.RegularExpressions;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MetaNode.Dashboard.Security;

/// <summary>Where an account signs in.</summary>
public enum UserSource
{
    /// <summary>A user name and password kept by the dashboard.</summary>
    Local,

    /// <summary>An account the single sign-on provider created; its password is kept there.</summary>
    SingleSignOn,
}

/// <summary>A dashboard account as an Admin sees it.</summary>
/// <param name="Id">The account's stable id.</param>
/// <param name="UserName">The name it signs in with.</param>
/// <param name="Role">Its strongest dashboard role; null when it holds none.</param>
/// <param name="Source">Local, or single sign-on.</param>
/// <param name="Provider">The single sign-on provider's name, for such accounts.</param>
/// <param name="LockedUntil">When a lockout ends, while one is in force; <see cref="DateTimeOffset.MaxValue"/> when an Admin locked it.</param>
/// <param name="FailedSignIns">Failed sign-ins since the last good one.</param>
/// <param name="CreatedAt">When the account was created, when known.</param>
public sealed record UserSummary(
    string Id,
    string UserName,
    DashboardRole? Role,
    UserSource Source,
    string? Provider,
    DateTimeOffset? LockedUntil,
    int FailedSignIns,
    DateTimeOffset? CreatedAt)
{
    /// <summary>True while the account cannot sign in.</summary>
    public bool IsLockedOut => LockedUntil is not null;

    /// <summary>True when an Admin locked it (until unlocked), not failed sign-ins (for a while).</summary>
    public bool IsLockedByAdmin => LockedUntil == DateTimeOffset.MaxValue;
}

/// <summary>A local account to create. The password is never audited.</summary>
public sealed record NewUser(string UserName, DashboardRole Role, string Password);

/// <summary>
/// Managing the dashboard's accounts: list, create, change role, lock, unlock, reset password,
/// delete. Every change is authorized (Admin) and audited by the <see cref="OperationGate"/>;
/// wrong input comes back as an <see cref="OperationValidationException"/> whose errors name the
/// field (<c>UserName</c>, <c>Role</c>, <c>Password</c>, <c>User</c>). There is always an Admin
/// who can sign in, and an Admin cannot delete or lock their own account.
/// </summary>
/// <remarks>
/// A singleton for long-lived circuits: each operation takes its own scope (and so its own
/// <see cref="UserManager{TUser}"/> and store context). Changes run one at a time, so two Admins
/// demoting each other at once cannot both succeed.
/// </remarks>
public sealed partial class UserAdministration(IServiceScopeFactory scopes, OperationGate gate, TimeProvider time) : IDisposable
{
    private const string UserField = "User";
    private const string UserNameField = "UserName";
    private const string RoleField = "Role";
    private const string PasswordField = "Password";

    private readonly SemaphoreSlim _changes = new(1, 1);

    /// <summary>Every account, by name. Only an Admin may list them.</summary>
    /// <exception cref="OperationDeniedException">The actor is not an Admin.</exception>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Holds(DashboardRole.Admin))
        {
            throw new OperationDeniedException($"Listing users needs the Admin role; {actor.Name} is {actor.Role?.ToString() ?? "without a role"}");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var accounts = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var roles = new Dictionary<string, DashboardRole>(StringComparer.Ordinal);
        foreach (var role in DashboardRoles.All)
        {
            foreach (var holder in await users.GetUsersInRoleAsync(role.ToString()))
            {
                roles[holder.Id] = roles.TryGetValue(holder.Id, out var other) && other > role ? other : role;
            }
        }

        return [.. accounts.Select(u => Summary(u, roles.TryGetValue(u.Id, out var role) ? role : null))];
    }

    /// <summary>Creates a local account with <paramref name="request"/>'s role and initial password.</summary>
    public Task<UserSummary> CreateAsync(Actor actor, NewUser request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var userName = request.UserName?.Trim() ?? string.Empty;
        return gate.RunAsync(
            actor,
            new OperationRequest("user.create", userName, DashboardRole.Admin, Parameters: new { userName, role = request.Role.ToString() }),
            ct => ChangeAsync(
                async users =>
                {
                    var errors = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (!UserNamePattern().IsMatch(userName))
                    {
                        errors[UserNameField] = "Use 2-64 letters, digits or . _ @ + -, starting with a letter or digit.";
                    }
                    else if (await users.FindByNameAsync(userName) is not null)
                    {
                        errors[UserNameField] = $"{userName} is already taken.";
                    }

                    if (!Enum.IsDefined(request.Role))
                    {
                        errors[RoleField] = "Choose Viewer, Operator or Admin.";
                    }

                    var user = new DashboardUser { UserName = userName, CreatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds() };
                    if (await PasswordProblemAsync(users, user, request.Password) is { } problem)
                    {
                        errors[PasswordField] = problem;
                    }

                    if (errors.Count > 0)
                    {
                        throw new OperationValidationException(errors);
                    }

                    Check(await users.CreateAsync(user, request.Password));
                    var added = await users.AddToRoleAsync(user, request.Role.ToString());
                    if (!added.Succeeded)
                    {
                        await users.DeleteAsync(user);
                        Check(added);
                    }

                    return Summary(user, request.Role);
                },
                ct),
            cancellationToken);
    }

    /// <summary>
    /// Gives the account exactly <paramref name="role"/>, and renews its security stamp so its open
    /// pages and sign-in cookies re-check their roles.
    /// </summary>
    public async Task ChangeRoleAsync(Actor actor, string userId, DashboardRole role, CancellationToken cancellationToken)
    {
        var (name, previous) = await DescribeAsync(userId);
        await gate.RunAsync(
            actor,
            new OperationRequest("user.change-role", name, DashboardRole.Admin, Parameters: new { role = role.ToString(), previousRole = previous?.ToString() }),
            ct => ChangeAsync(
                async users =>
                {
                    if (!Enum.IsDefined(role))
                    {
                        throw Invalid(RoleField, "Choose Viewer, Operator or Admin.");
                    }

                    var user = await FindAsync(users, userId);
                    var current = await users.GetRolesAsync(user);
                    if (current.Contains(DashboardRoles.Admin) && role != DashboardRole.Admin && !await AnotherAdminAsync(users, user))
                    {
                        throw Invalid(RoleField, $"{user.UserName} is the last Admin who can sign in; make another user Admin first.");
                    }

                    var stale = current.Where(r => DashboardRoles.Parse(r) is { } held && held != role).ToList();
                    if (stale.Count > 0)
                    {
                        Check(await users.RemoveFromRolesAsync(user, stale));
                    }

                    if (!current.Contains(role.ToString()))
                    {
                        Check(await users.AddToRoleAsync(user, role.ToString()));
                    }

                    Check(await users.UpdateSecurityStampAsync(user));
                    return true;
                },
                ct),
            cancellationToken);
    }

    /// <summary>Locks the account until an Admin unlocks it, and ends its open sessions.</summary>
    public async Task LockAsync(Actor actor, string userId, CancellationToken cancellationToken)
    {
        var (name, _) = await DescribeAsync(userId);
        await gate.RunAsync(
            actor,
            new OperationRequest("user.lock", name, DashboardRole.Admin),
            ct => ChangeAsync(
                async users =>
                {
                    var user = await FindAsync(users, userId);
                    if (user.Id == actor.Id)
                    {
                        throw Invalid(UserField, "You cannot lock your own account.");
                    }

                    if (await users.IsInRoleAsync(user, DashboardRoles.Admin) && !await AnotherAdminAsync(users, user))
                    {
                        throw Invalid(UserField, $"{user.UserName} is the last Admin who can sign in; make another user Admin first.");
                    }

                    Check(await users.SetLockoutEnabledAsync(user, true));
                    Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
                    Check(await users.UpdateSecurityStampAsync(user));
                    return true;
                },
                ct),
            cancellationToken);
    }

    /// <summary>Ends a lockout (by an Admin or by failed sign-ins) and forgets the failed sign-ins.</summary>
    public async Task UnlockAsync(Actor actor, string userId, CancellationToken cancellationToken)
    {
        var (name, _) = await DescribeAsync(userId);
        await gate.RunAsync(
            actor,
            new OperationRequest("user.unlock", name, DashboardRole.Admin),
            ct => ChangeAsync(
                async users =>
                {
                    var user = await FindAsync(users, userId);
                    if (await users.GetLockoutEnabledAsync(user))
                    {
                        Check(await users.SetLockoutEndDateAsync(user, null));
                    }

                    Check(await users.ResetAccessFailedCountAsync(user));
                    return true;
                },
                ct),
            cancellationToken);
    }

    /// <summary>Sets a new password on a local account; its open sessions end.</summary>
    public async Task ResetPasswordAsync(Actor actor, string userId, string newPassword, CancellationToken cancellationToken)
    {
        var (name, _) = await DescribeAsync(userId);
        await gate.RunAsync(
            actor,
            new OperationRequest("user.reset-password", name, DashboardRole.Admin),
            ct => ChangeAsync(
                async users =>
                {
                    var user = await FindAsync(users, userId);
                    if (user.ExternalProvider is { } provider)
                    {
                        throw Invalid(PasswordField, $"{user.UserName} signs in through single sign-on ({provider}); the password is kept there.");
                    }

                    if (await PasswordProblemAsync(users, user, newPassword) is { } problem)
                    {
                        throw Invalid(PasswordField, problem);
                    }

                    // The reset token renews the security stamp along with the password.
                    var token = await users.GeneratePasswordResetTokenAsync(user);
                    Check(await users.ResetPasswordAsync(user, token, newPassword));
                    return true;
                },
                ct),
            cancellationToken);
    }

    /// <summary>Deletes the account. Its audit entries stay.</summary>
    public async Task DeleteAsync(Actor actor, string userId, CancellationToken cancellationToken)
    {
        var (name, previous) = await DescribeAsync(userId);
        await gate.RunAsync(
            actor,
            new OperationRequest("user.delete", name, DashboardRole.Admin, Parameters: new { role = previous?.ToString() }),
            ct => ChangeAsync(
                async users =>
                {
                    var user = await FindAsync(users, userId);
                    if (user.Id == actor.Id)
                    {
                        throw Invalid(UserField, "You cannot delete your own account; another Admin can.");
                    }

                    if (await users.IsInRoleAsync(user, DashboardRoles.Admin) && !await AnotherAdminAsync(users, user))
                    {
                        throw Invalid(UserField, $"{user.UserName} is the last Admin who can sign in; make another user Admin first.");
                    }

                    Check(await users.DeleteAsync(user));
                    return true;
                },
                ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _changes.Dispose();

    /// <summary>Runs one change with its own user manager, one change at a time.</summary>
    private async Task<T> ChangeAsync<T>(Func<UserManager<DashboardUser>, Task<T>> change, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await change(scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>());
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>The account's name (the audit target) and role before the change; the id itself when there is no such account.</summary>
    private async Task<(string Name, DashboardRole? Role)> DescribeAsync(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await users.FindByIdAsync(userId);
        return user is null
            ? (userId, null)
            : (user.UserName ?? userId, (await users.GetRolesAsync(user)).Select(DashboardRoles.Parse).Max());
    }

    private static async Task<DashboardUser> FindAsync(UserManager<DashboardUser> users, string userId) =>
        await users.FindByIdAsync(userId) ?? throw Invalid(UserField, "There is no such user any more; another Admin may have deleted it.");

    /// <summary>True when an Admin other than <paramref name="user"/> exists and is not locked out.</summary>
    private static async Task<bool> AnotherAdminAsync(UserManager<DashboardUser> users, DashboardUser user)
    {
        foreach (var admin in await users.GetUsersInRoleAsync(DashboardRoles.Admin))
        {
            if (admin.Id != user.Id && !await users.IsLockedOutAsync(admin))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What is wrong with <paramref name="password"/> by the dashboard's password rules; null when nothing is.</summary>
    private static async Task<string?> PasswordProblemAsync(UserManager<DashboardUser> users, DashboardUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "Choose a password.";
        }

        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }

        return problems.Count == 0 ? null : string.Join(" ", problems);
    }

    private UserSummary Summary(DashboardUser user, DashboardRole? role)
    {
        var lockedUntil = user.LockoutEnd is { } end && end > time.GetUtcNow() ? end : (DateTimeOffset?)null;
        return new UserSummary(
            user.Id,
            user.UserName ?? user.Id,
            role,
            user.ExternalProvider is null ? UserSource.Local : UserSource.SingleSignOn,
            user.ExternalProvider,
            lockedUntil,
            user.AccessFailedCount,
            user.CreatedAtMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(user.CreatedAtMs) : null);
    }

    /// <summary>Turns Identity's errors into errors by field.</summary>
    private static void Check(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var error in result.Errors)
        {
            var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? PasswordField
                : error.Code.Contains("UserName", StringComparison.Ordinal) ? UserNameField
                : error.Code.Contains("Role", StringComparison.Ordinal) ? RoleField
                : UserField;
            errors[field] = errors.TryGetValue(field, out var before) ? $"{before} {error.Description}" : error.Description;
        }

        throw new OperationValidationException(errors);
    }

    private static OperationValidationException Invalid(string field, string rule) =>
        new(new Dictionary<string, string>(StringComparer.Ordinal) { [field] = rule });

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@+-]{1,63}$")]
    private static partial Regex UserNamePattern();
}

/// <summary>Registers <see cref="UserAdministration"/>.</summary>
public static class UserAdministrationServiceCollectionExtensions
{
    /// <summary>Adds <see cref="UserAdministration"/> (one for the process; it takes a scope per operation).</summary>
    public static IServiceCollection AddUserAdministration(this IServiceCollection services)
    {
        services.AddSingleton<UserAdministration>();
        return services;
    }
}
