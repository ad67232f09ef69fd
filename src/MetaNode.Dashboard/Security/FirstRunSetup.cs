using MetaNode.Operations.Audit;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MetaNode.Dashboard.Security;

/// <summary>
/// At start: makes sure the three roles exist; with no user at all, creates the Admin named in
/// <c>Dashboard:Security:SeedAdmin</c>, or else prints a one-time setup link to the console. There
/// is never a default password.
/// </summary>
internal sealed partial class FirstRunSetup(
    IServiceScopeFactory scopes,
    SetupTokens tokens,
    OperationGate gate,
    IOptions<DashboardOptions> options,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<FirstRunSetup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in DashboardRoles.All)
        {
            if (!await roles.RoleExistsAsync(role.ToString()))
            {
                await roles.CreateAsync(new IdentityRole(role.ToString()));
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var seed = options.Value.Security.SeedAdmin;
        if (!string.IsNullOrWhiteSpace(seed.UserName) && !string.IsNullOrEmpty(seed.Password))
        {
            await SeedAsync(users, seed.UserName.Trim(), seed.Password);
            return;
        }

        var token = tokens.Issue();
        lifetime.ApplicationStarted.Register(() => PrintLink(token));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync(UserManager<DashboardUser> users, string userName, string password)
    {
        var user = new DashboardUser { UserName = userName, CreatedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
        var created = await users.CreateAsync(user, password);
        var error = created.Succeeded ? null : string.Join(" ", created.Errors.Select(e => e.Description));
        if (created.Succeeded)
        {
            await users.AddToRoleAsync(user, DashboardRoles.Admin);
            LogSeeded(logger, userName);
        }
        else
        {
            LogSeedFailed(logger, userName, error!);
        }

        await gate.RecordAsync(
            Actor.System("first-run setup"),
            new OperationRequest("user.seed-admin", userName, DashboardRole.Admin, Parameters: new { userName, role = DashboardRoles.Admin }),
            created.Succeeded ? AuditOutcome.Succeeded : AuditOutcome.Failed,
            error);
    }

    private void PrintLink(string token)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        address = address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
        var minutes = options.Value.Security.SetupTokenLifetime.TotalMinutes;
        LogSetupLink(logger, $"{address.TrimEnd('/')}/setup?token={token}", minutes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No user exists yet. Create the first Admin within {Minutes} minutes at {SetupUrl}")]
    private static partial void LogSetupLink(ILogger logger, string setupUrl, double minutes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first Admin {UserName} from Dashboard:Security:SeedAdmin")]
    private static partial void LogSeeded(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create the Admin {UserName} from Dashboard:Security:SeedAdmin: {Reason}")]
    private static partial void LogSeedFailed(ILogger logger, string userName, string reason);
}
