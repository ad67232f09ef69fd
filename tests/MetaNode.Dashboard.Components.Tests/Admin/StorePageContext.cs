using System.Security.Claims;
using MetaNode.Dashboard.Security;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Clusters.Watched;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Persistence;
using MetaNode.Operations.Security;
using MetaNode.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;

namespace MetaNode.Dashboard.Components.Tests.Admin;

/// <summary>
/// A bUnit context for the pages that change things (Users, Watched nodes, Audit): the real store
/// on a SQLite file with its migrations, Identity on it, the real gate, audit log, user
/// administration and watched-node registry, and a dialog provider rendered first so that
/// confirmations and inline dialogs open as in the app. Set up like <see cref="DashboardComponentContext"/>,
/// which it cannot derive from: that context builds its service provider in its constructor.
/// </summary>
public abstract class StorePageContext : BunitContext
{
    private readonly TempDirectory _folder = new("metanode-bunit");

    protected StorePageContext()
    {
        var connection = StoreServiceCollectionExtensions.SqliteConnectionString(new StorageOptions { Path = "metanode.db" }, _folder.Path);
        Services.AddDbContextFactory<DashboardDbContext>(options => options.UseSqlite(connection));
        Services.AddDataProtection();
        Services.AddLogging();
        Services.AddIdentityCore<DashboardUser>(identity =>
            {
                identity.Password.RequiredLength = Options.Security.Passwords.MinimumLength;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddDefaultTokenProviders();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Options));
        Services.AddSingleton<IAuditLog, AuditLog>();
        Services.AddSingleton<OperationGate>();
        Services.AddSingleton(sp => new WatchedNodeRegistry(
            sp.GetRequiredService<IOptions<DashboardOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IDbContextFactory<DashboardDbContext>>()));
        Services.AddSingleton<WatchedNodeService>();
        Services.AddSingleton(sp => new AppCatalog(sp.GetRequiredService<IOptions<DashboardOptions>>(), sp.GetRequiredService<WatchedNodeRegistry>()));
        Services.AddUserAdministration();
        Services.AddScoped<ClientContext>(_ => new ClientContext { Address = "192.0.2.10" });
        Services.AddScoped<ActorAccessor>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Authorization = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Who is signed in; see <see cref="SignIn"/>.</summary>
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>The configuration the services read; change it before the first render.</summary>
    protected DashboardOptions Options { get; } = new();

    protected IAuditLog AuditLog => Services.GetRequiredService<IAuditLog>();

    /// <summary>Creates the schema (and the roles) on first use.</summary>
    protected async Task<IServiceProvider> StoreAsync()
    {
        var factory = Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using (var context = await factory.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            if ((await context.Database.GetPendingMigrationsAsync(Xunit.TestContext.Current.CancellationToken)).Any())
            {
                await context.Database.MigrateAsync(Xunit.TestContext.Current.CancellationToken);
                await using var scope = Services.CreateAsyncScope();
                var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
                foreach (var role in DashboardRoles.All)
                {
                    await roles.CreateAsync(new IdentityRole(role.ToString()));
                }

                await Services.GetRequiredService<WatchedNodeRegistry>().StartAsync(Xunit.TestContext.Current.CancellationToken);
            }
        }

        return Services;
    }

    /// <summary>Creates a local user with <paramref name="role"/> in the store; returns its id.</summary>
    protected async Task<string> CreateUserAsync(string userName, DashboardRole role)
    {
        await StoreAsync();
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = new DashboardUser { UserName = userName, CreatedAtMs = new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() };
        var created = await users.CreateAsync(user, DashboardTestHost.TestPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role.ToString());
        return user.Id;
    }

    /// <summary>Signs <paramref name="userName"/> in at the page's keyboard, with the policies their role satisfies.</summary>
    protected void SignIn(string userName, DashboardRole role, string? id = null)
    {
        Authorization.SetAuthorized(userName);
        Authorization.SetRoles(role.ToString());
        Authorization.SetPolicies([.. DashboardRoles.All.Where(r => r <= role).Select(r => r.ToString())]);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, id ?? "id-" + userName));
    }

    /// <summary>The dialog host of the layout; render it before the page.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogs() => Render<MudDialogProvider>();

    /// <summary>Every audit entry, newest first.</summary>
    protected async Task<IReadOnlyList<AuditEntry>> AuditAsync() =>
        await AuditLog.QueryAsync(new AuditQuery { Limit = 1000 }, Xunit.TestContext.Current.CancellationToken);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }
    }
}
