using MetaNode.Dashboard.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaNode.Testing;

/// <summary>How a test wants the dashboard started.</summary>
public sealed record DashboardTestHostOptions
{
    /// <summary>The folder for the store (and, later, local cluster state). Reuse it across a restart.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>In-memory <see cref="TestServer"/> (default) or real Kestrel on loopback for a browser.</summary>
    public bool UseKestrel { get; init; }

    /// <summary>The Kestrel port; 0 picks a free one. Ignored with the test server.</summary>
    public int Port { get; init; }

    /// <summary>
    /// Configuration on top of the real <c>appsettings.json</c>. Its apps (<c>my-app</c> and its 13
    /// processes) are left out unless <see cref="KeepConfiguredApps"/>; tests name the apps they need here.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Keep the apps of <c>appsettings.json</c> (and start their local cluster).</summary>
    public bool KeepConfiguredApps { get; init; }

    /// <summary>Last-word changes to the builder (replace a service, add a setting).</summary>
    public Action<WebApplicationBuilder>? Customize { get; init; }
}

/// <summary>
/// The real dashboard, built by <see cref="DashboardHost.Build"/> exactly as <c>Program.cs</c>
/// builds it, with the real <c>appsettings.json</c> and a store in the test's own folder.
/// </summary>
public sealed class DashboardTestHost : IAsyncDisposable
{
    private DashboardTestHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The running application.</summary>
    public WebApplication App { get; }

    /// <summary>Where it answers: <c>http://localhost/</c> on the test server, a loopback port on Kestrel.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>The in-memory server, when the host uses one.</summary>
    public TestServer? TestServer => App.Services.GetRequiredService<IServer>() as TestServer;

    /// <summary>The dashboard's database file for <paramref name="dataDirectory"/>.</summary>
    public static string DatabasePath(string dataDirectory) => Path.Combine(dataDirectory, "metanode.db");

    /// <summary>Builds and starts the dashboard.</summary>
    public static async Task<DashboardTestHost> StartAsync(DashboardTestHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var app = Build(options);
        await app.StartAsync(cancellationToken);
        var baseAddress = options.UseKestrel
            ? new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First())
            : new Uri("http://localhost/");
        return new DashboardTestHost(app, baseAddress);
    }

    /// <summary>Builds without starting, for tests about start-up itself.</summary>
    public static WebApplication Build(DashboardTestHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new Dictionary<string, string?>
        {
            ["Dashboard:Storage:Path"] = DatabasePath(options.DataDirectory),
            ["Dashboard:Cluster:Local:StateDirectory"] = Path.Combine(options.DataDirectory, "cluster"),
            ["Urls"] = $"http://127.0.0.1:{options.Port}",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        return DashboardHost.Build(
            new WebApplicationOptions
            {
                ApplicationName = "MetaNode.Dashboard",
                ContentRootPath = AppContext.BaseDirectory,
                EnvironmentName = "Production",
            },
            customize: builder =>
            {
                if (!options.UseKestrel)
                {
                    builder.WebHost.UseTestServer();
                }

                builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
                options.Customize?.Invoke(builder);
            },
            configure: builder =>
            {
                if (!options.KeepConfiguredApps)
                {
                    WithoutConfiguredApps(builder.Configuration);
                }

                builder.Configuration.AddInMemoryCollection(settings);
            });
    }

    /// <summary>Replaces the JSON configuration files by their content minus <c>Dashboard:Apps</c>.</summary>
    private static void WithoutConfiguredApps(ConfigurationManager configuration)
    {
        var sources = ((IConfigurationBuilder)configuration).Sources;
        var json = sources.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationSource>().ToList();
        var kept = new ConfigurationBuilder();
        foreach (var source in json)
        {
            kept.Add(source);
            sources.Remove(source);
        }

        var values = kept.Build().AsEnumerable()
            .Where(pair => pair.Value is not null && !pair.Key.StartsWith("Dashboard:Apps", StringComparison.OrdinalIgnoreCase));
        sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = values });
    }

    /// <summary>A password that meets the dashboard's rules, for test users.</summary>
    public const string TestPassword = "correct horse battery staple";

    /// <summary>Creates a local user with <paramref name="role"/> (Viewer, Operator, Admin) directly in the store.</summary>
    public async Task CreateUserAsync(string userName, string role, string password = TestPassword)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Operations.Security.DashboardUser>>();
        var user = new Operations.Security.DashboardUser { UserName = userName };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
    }

    /// <summary>
    /// A client signed in as <paramref name="userName"/> the way a browser does it: GET the form for
    /// its antiforgery token, POST the credentials, keep the cookies.
    /// </summary>
    public async Task<HttpClient> SignedInClientAsync(string userName, string password = TestPassword)
    {
        var client = CreateClient(new System.Net.CookieContainer());
        var form = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));
        using var response = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
        if (!(Cookies(client) ?? string.Empty).Contains("metanode.auth", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"sign-in as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    /// <summary>The cookie header a signed-in client sends (for SignalR clients and raw requests).</summary>
    public string? Cookies(HttpClient client) => CookieJar(client)?.GetCookieHeader(BaseAddress);

    /// <summary>The cookies of a client made by <see cref="CreateClient(System.Net.CookieContainer)"/>.</summary>
    public System.Net.CookieContainer? CookieJar(HttpClient client) => _cookies.TryGetValue(client, out var jar) ? jar : null;

    /// <summary>The antiforgery token in a rendered form.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token in the page");
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, System.Net.CookieContainer> _cookies = [];

    /// <summary>An HTTP client that keeps cookies in <paramref name="jar"/> and does not follow redirects.</summary>
    public HttpClient CreateClient(System.Net.CookieContainer jar)
    {
        HttpClient client;
        if (TestServer is { } server)
        {
            client = new HttpClient(new CookieHandler(jar, BaseAddress) { InnerHandler = server.CreateHandler() }) { BaseAddress = BaseAddress };
        }
        else
        {
            client = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        }

        _cookies.Add(client, jar);
        return client;
    }

    /// <summary>Cookies for the in-memory test server, which has no cookie handling of its own.</summary>
    private sealed class CookieHandler(System.Net.CookieContainer jar, Uri baseAddress) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = jar.GetCookieHeader(baseAddress);
            if (!string.IsNullOrEmpty(header))
            {
                request.Headers.Remove("Cookie");
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                foreach (var cookie in cookies)
                {
                    jar.SetCookies(baseAddress, cookie);
                }
            }

            return response;
        }
    }

    /// <summary>An HTTP client for the dashboard (in-memory or over loopback).</summary>
    public HttpClient CreateClient() =>
        TestServer is { } server
            ? server.CreateClient()
            : new HttpClient { BaseAddress = BaseAddress };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
