using System.Net;
using System.Text.Json;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;
using MetaNode.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Tests.Admin;

/// <summary><c>GET /audit/export.csv</c> in the real app: cookie sign-in, filters, the file it sends.</summary>
public sealed class AuditExportTests : IAsyncLifetime
{
    private const string Header = "time_utc,actor_kind,actor_id,actor,action,target,app,outcome,error,source_address,correlation_id,parameters";
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _data = new();
    private DashboardTestHost _host = null!;
    private HttpClient _viewer = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await DashboardTestHost.StartAsync(new() { DataDirectory = _data.Path }, Cancellation);
        await _host.CreateUserAsync("vera", DashboardRoles.Viewer);
        _viewer = await _host.SignedInClientAsync("vera");
        var audit = _host.Services.GetRequiredService<IAuditLog>();
        await audit.AppendAsync(Entry(0, "olga", "watched-node.add", "public-rpc/rpc-1", "public-rpc", AuditOutcome.Succeeded, null), Cancellation);
        await audit.AppendAsync(Entry(1, "vera", "watched-node.remove", "public-rpc/rpc-1", "public-rpc", AuditOutcome.Denied, "watched-node.remove needs the Operator role; vera is Viewer"), Cancellation);
        await audit.AppendAsync(Entry(2, "=cmd|' /C calc'!A0", "user.create", "+bad, \"name\"", null, AuditOutcome.Failed, "@SUM(1)"), Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        _viewer.Dispose();
        await _host.DisposeAsync();
        _data.Dispose();
    }

    private static AuditEntry Entry(int minute, string actor, string action, string target, string? app, AuditOutcome outcome, string? error) =>
        new(Start.AddMinutes(minute), ActorKind.User, "id-" + minute, actor, action, target, app, null, outcome, error, "10.0.0.7", "corr-" + minute);

    private async Task<(HttpResponseMessage Response, string[] Lines)> ExportAsync(string query = "")
    {
        var response = await _viewer.GetAsync(new Uri("/audit/export.csv" + query, UriKind.Relative), Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        return (response, body.Split("\r\n"));
    }

    /// <summary>The rows after the header that belong to the seeded entries (sign-in entries are also in the log).</summary>
    private static string[] Seeded(string[] lines) => [.. lines.Skip(1).Where(l => l.Contains(",corr-", StringComparison.Ordinal))];

    [Fact]
    public async Task Export_Viewer_GetsCsvAttachmentWithHeaderAndEntriesNewestFirst()
    {
        var (response, lines) = await ExportAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^metanode-audit-\d{4}-\d{2}-\d{2}-\d{6}Z\.csv$", response.Content.Headers.ContentDisposition?.FileName);
        Assert.StartsWith("metanode-audit-" + DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        Assert.Equal(Header, lines[0]);
        Assert.Equal(string.Empty, lines[^1]); // every row ends with CRLF
        Assert.Equal(
            [
                "2025-03-14T09:02:00.000Z,User,id-2,'=cmd|' /C calc'!A0,user.create,\"'+bad, \"\"name\"\"\",,Failed,'@SUM(1),10.0.0.7,corr-2,",
                "2025-03-14T09:01:00.000Z,User,id-1,vera,watched-node.remove,public-rpc/rpc-1,public-rpc,Denied,watched-node.remove needs the Operator role; vera is Viewer,10.0.0.7,corr-1,",
                "2025-03-14T09:00:00.000Z,User,id-0,olga,watched-node.add,public-rpc/rpc-1,public-rpc,Succeeded,,10.0.0.7,corr-0,",
            ],
            Seeded(lines));
        Assert.Contains(lines, l => l.Contains(",user.sign-in,vera,", StringComparison.Ordinal)); // the viewer's own sign-in is there too
    }

    [Fact]
    public async Task Export_Filters_ApplyFromTheQueryString()
    {
        var (_, byOutcome) = await ExportAsync("?outcome=denied");
        var (_, byArea) = await ExportAsync("?action=watched-node&app=public-rpc");
        var (_, byTime) = await ExportAsync("?from=2025-03-14T09:01:00Z&to=2025-03-14T09:01:30Z");
        var (_, byActor) = await ExportAsync("?actor=OLG");
        var (_, byText) = await ExportAsync("?text=calc");
        var (_, byTarget) = await ExportAsync("?text=" + Uri.EscapeDataString("+bad"));

        Assert.Equal(["corr-1"], Seeded(byOutcome).Select(Correlation));
        Assert.Equal(["corr-1", "corr-0"], Seeded(byArea).Select(Correlation));
        Assert.Equal(["corr-1"], Seeded(byTime).Select(Correlation));
        Assert.Equal(["corr-1"], byTime.Skip(1).Where(l => l.Length > 0).Select(Correlation)); // nothing else in that minute
        Assert.Equal(["corr-0"], Seeded(byActor).Select(Correlation));
        Assert.Empty(Seeded(byText)); // the actor name is not free text
        Assert.Equal(["corr-2"], Seeded(byTarget).Select(Correlation));
    }

    [Theory]
    [InlineData("?outcome=maybe", "outcome", "must be Succeeded, Failed or Denied (was 'maybe')")]
    [InlineData("?from=yesterday", "from", "must be a date and time like 2025-01-31T14:00:00Z (was 'yesterday')")]
    [InlineData("?from=2025-03-15T00:00:00Z&to=2025-03-14T00:00:00Z", "from", "must not be later than 'to'")]
    public async Task Export_FilterNotUnderstood_Returns400NamingTheParameter(string query, string parameter, string rule)
    {
        var response = await _viewer.GetAsync(new Uri("/audit/export.csv" + query, UriKind.Relative), Cancellation);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The audit filters are not understood", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(rule, problem.RootElement.GetProperty("errors").GetProperty(parameter)[0].GetString());
    }

    [Fact]
    public async Task Export_NotSignedIn_RedirectsToSignInWithoutData()
    {
        using var anonymous = _host.CreateClient(new CookieContainer());

        var response = await anonymous.GetAsync(new Uri("/audit/export.csv", UriKind.Relative), Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in?ReturnUrl=%2Faudit%2Fexport.csv", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("corr-", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditPage_Viewer_RendersWithTheExportLink()
    {
        var html = await _viewer.GetStringAsync(new Uri("/audit", UriKind.Relative), Cancellation);

        Assert.Contains("Audit log", html, StringComparison.Ordinal);
        Assert.Contains("href=\"audit/export.csv?from=", html, StringComparison.Ordinal);
    }

    private static string Correlation(string line) => line.Split(',')[^2];
}
