using System.Net;
using System.Text.RegularExpressions;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;
using MetaNode.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MetaNode.Dashboard.Tests.Account;

/// <summary>First-run setup, sign-in, lockout and sign-out through the real forms.</summary>
public sealed partial class AccountTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly LogCapture _logs = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private DashboardTestHost _host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task FirstRun_NoUsers_PrintsALinkThatCreatesTheFirstAdmin()
    {
        var link = await SetupLinkAsync();
        using var client = _host.CreateClient(new CookieContainer());
        var form = await client.GetStringAsync(link, Cancellation);

        using var response = await client.PostAsync(link, Form(form, "setup", new()
        {
            ["Input.UserName"] = "first-admin",
            ["Input.NewPassword"] = DashboardTestHost.TestPassword,
            ["Input.ConfirmPassword"] = DashboardTestHost.TestPassword,
            ["token"] = Regex.Match(link.ToString(), "token=([0-9a-f]+)").Groups[1].Value,
        }), Cancellation);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Contains("metanode.auth", _host.Cookies(client), StringComparison.Ordinal);
        await using var scope = _host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var admin = await users.FindByNameAsync("first-admin");
        Assert.NotNull(admin);
        Assert.Equal(["Admin"], await users.GetRolesAsync(admin));
        var audit = await _host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = "user.setup-admin" }, Cancellation);
        Assert.Equal(AuditOutcome.Succeeded, Assert.Single(audit).Outcome);

        // The link is used up.
        var again = await _host.CreateClient().GetStringAsync(link, Cancellation);
        Assert.Contains("Setup is done", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstRun_LinkOlderThanItsLifetime_IsRefusedAsExpired()
    {
        var link = await SetupLinkAsync();

        _time.Advance(TimeSpan.FromMinutes(31));

        var page = await _host.CreateClient().GetStringAsync(link, Cancellation);
        Assert.Contains("This setup link has expired", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.NewPassword", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstRun_WrongToken_IsRefused()
    {
        await SetupLinkAsync();

        var page = await _host.CreateClient().GetStringAsync(new Uri("/setup?token=0000", UriKind.Relative), Cancellation);

        Assert.Contains("This setup link is not valid", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountForFifteenMinutesEvenForTheRightOne()
    {
        await _host.CreateUserAsync("operator", "Operator");
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var wrong = await SignInAsync("operator", "not the password at all");
            Assert.Contains("The user name or password is not right.", wrong, StringComparison.Ordinal);
            Assert.DoesNotContain("not the password at all", wrong, StringComparison.Ordinal);
        }

        var fifth = await SignInAsync("operator", "not the password at all");
        var locked = await SignInAsync("operator", DashboardTestHost.TestPassword);

        Assert.Contains("This account is locked for 15 minutes", fifth, StringComparison.Ordinal);
        Assert.Contains("This account is locked for 15 minutes", locked, StringComparison.Ordinal);
        var audit = await _host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = "user.sign-in" }, Cancellation);
        Assert.Equal(4, audit.Count(a => a.Outcome == AuditOutcome.Failed));
        Assert.Equal(2, audit.Count(a => a.Outcome == AuditOutcome.Denied && a.Error == "locked out"));

        await using var scope = _host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var lockedUntil = await users.GetLockoutEndDateAsync((await users.FindByNameAsync("operator"))!);
        Assert.InRange(lockedUntil!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task SignIn_MoreAttemptsThanTheLimitInAMinute_GetsTooManyRequests()
    {
        await _host.DisposeAsync();
        _host = await StartAsync(new Dictionary<string, string?> { ["Dashboard:Security:SignInRequestsPerMinute"] = "3" });
        using var client = _host.CreateClient(new CookieContainer());
        var form = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), Cancellation);
        var statuses = new List<HttpStatusCode>();

        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), Form(form, "sign-in", new()
            {
                ["Input.UserName"] = "nobody",
                ["Input.Password"] = "whatever it is",
            }), Cancellation);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherSite_LandsOnTheDashboardInstead()
    {
        await _host.CreateUserAsync("viewer", "Viewer");
        using var client = _host.CreateClient(new CookieContainer());
        var path = new Uri("/account/sign-in?returnUrl=" + Uri.EscapeDataString("https://evil.example/steal"), UriKind.Relative);
        var form = await client.GetStringAsync(path, Cancellation);

        using var response = await client.PostAsync(path, Form(form, "sign-in", new()
        {
            ["Input.UserName"] = "viewer",
            ["Input.Password"] = DashboardTestHost.TestPassword,
        }), Cancellation);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(new Uri("http://localhost/"), response.Headers.Location);
    }

    [Fact]
    public async Task MyAccount_ChangePassword_NewOneWorksOldOneNotAuditedAndNeverLogged()
    {
        const string NewPassword = "a fresh and longer passphrase";
        await _host.CreateUserAsync("olga", DashboardRoles.Operator);
        var client = await _host.SignedInClientAsync("olga");
        var page = await client.GetStringAsync(new Uri("/account/manage", UriKind.Relative), Cancellation);

        using var response = await client.PostAsync(new Uri("/account/manage", UriKind.Relative), Form(page, "change-password", new()
        {
            ["Input.CurrentPassword"] = DashboardTestHost.TestPassword,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        }), Cancellation);

        Assert.Contains("Your password was changed.", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Contains("The user name or password is not right.", await SignInAsync("olga", DashboardTestHost.TestPassword), StringComparison.Ordinal);
        await _host.SignedInClientAsync("olga", NewPassword);
        var entry = Assert.Single(await _host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = "user.change-password" }, Cancellation));
        Assert.Equal(("olga", AuditOutcome.Succeeded), (entry.ActorName, entry.Outcome));
        Assert.DoesNotContain(NewPassword, entry.Parameters ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(NewPassword, StringComparison.Ordinal) || l.Contains(DashboardTestHost.TestPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignOut_FormPost_EndsTheSessionAndIsAudited()
    {
        await _host.CreateUserAsync("viewer", "Viewer");
        using var client = await _host.SignedInClientAsync("viewer");
        var page = await client.GetStringAsync(new Uri("/account/manage", UriKind.Relative), Cancellation);

        using var signOut = await client.PostAsync(new Uri("/account/sign-out", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = DashboardTestHost.AntiforgeryToken(page),
            ["returnUrl"] = "/",
        }), Cancellation);
        using var after = await client.GetAsync(new Uri("/system", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        var audit = await _host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Action = "user.sign-out" }, Cancellation);
        Assert.Equal("viewer", Assert.Single(audit).ActorName);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefused()
    {
        await _host.CreateUserAsync("viewer", "Viewer");
        using var client = await _host.SignedInClientAsync("viewer");

        using var signOut = await client.PostAsync(new Uri("/account/sign-out", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
    }

    [Fact]
    public async Task SeedAdmin_FromConfiguration_IsCreatedAndNoLinkIsPrinted()
    {
        await _host.DisposeAsync();
        var before = _logs.Lines.Count;
        _host = await StartAsync(new Dictionary<string, string?>
        {
            ["Dashboard:Security:SeedAdmin:UserName"] = "ops-admin",
            ["Dashboard:Security:SeedAdmin:Password"] = DashboardTestHost.TestPassword,
        });

        using var client = await _host.SignedInClientAsync("ops-admin");

        Assert.DoesNotContain(_logs.Lines.Skip(before), l => l.Contains("/setup?token=", StringComparison.Ordinal));
        var page = await client.GetStringAsync(new Uri("/account/manage", UriKind.Relative), Cancellation);
        Assert.Contains("Admin", page, StringComparison.Ordinal);
    }

    private async Task<DashboardTestHost> StartAsync(Dictionary<string, string?>? settings = null) =>
        await DashboardTestHost.StartAsync(
            new()
            {
                DataDirectory = _data.Path,
                Settings = settings ?? [],
                Customize = builder =>
                {
                    builder.Services.AddSingleton<TimeProvider>(_time);
                    builder.Logging.AddProvider(_logs);
                },
            },
            Cancellation);

    private async Task<Uri> SetupLinkAsync()
    {
        string? line = null;
        await Eventually.UntilAsync(
            () => (line = _logs.Lines.FirstOrDefault(l => l.Contains("/setup?token=", StringComparison.Ordinal))) is not null,
            TimeSpan.FromSeconds(10),
            "the setup link in the log");
        var url = SetupUrl().Match(line!).Value;
        return new Uri(new Uri(url).PathAndQuery, UriKind.Relative);
    }

    private async Task<string> SignInAsync(string userName, string password)
    {
        using var client = _host.CreateClient(new CookieContainer());
        var form = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative), Cancellation);
        using var response = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), Form(form, "sign-in", new()
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }), Cancellation);
        return await response.Content.ReadAsStringAsync(Cancellation);
    }

    private static FormUrlEncodedContent Form(string page, string handler, Dictionary<string, string> fields)
    {
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = DashboardTestHost.AntiforgeryToken(page);
        return new FormUrlEncodedContent(fields);
    }

    [GeneratedRegex(@"http://\S+/setup\?token=[0-9a-f]+")]
    private static partial Regex SetupUrl();
}
