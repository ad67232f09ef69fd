using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Tests.Api;

/// <summary>API keys through the API: created by an Admin, shown once, stored hashed, revoked, audited.</summary>
public sealed partial class ApiKeyLifecycleTests(ApiTestHost api) : IClassFixture<ApiTestHost>
{
    [Fact]
    public async Task CreateKey_Admin_Returns201WithTheKeyOnceAndTheKeyWorks()
    {
        using var response = await api.Admin.PostJsonAsync("/api/v1/api-keys", new { name = "ci-read", role = "Viewer" });
        var created = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var key = created.GetProperty("key").GetString()!;
        Assert.Matches(KeyFormat(), key);
        var id = created.GetProperty("apiKey").GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/api-keys/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Viewer", created.GetProperty("apiKey").GetProperty("role").GetString());
        Assert.Equal("Active", created.GetProperty("apiKey").GetProperty("state").GetString());
        var lifetime = created.GetProperty("apiKey").GetProperty("expiresAt").GetDateTimeOffset() - created.GetProperty("apiKey").GetProperty("createdAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromDays(90), lifetime);
        Assert.Contains("cannot show it again", created.GetProperty("notice").GetString(), StringComparison.Ordinal);

        using var withKey = await api.KeyClient(key).GetPathAsync("/api/v1/apps");
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }

    [Fact]
    public async Task ListAndGet_AfterCreate_NeverReturnTheSecret()
    {
        using var response = await api.Admin.PostJsonAsync("/api/v1/api-keys", new { name = "ci-list", role = "Operator", apps = new[] { ApiTestHost.WatchedApp }, expiresInDays = 7 });
        var key = (await response.JsonAsync()).GetProperty("key").GetString()!;
        var secret = key[(key.LastIndexOf('_') + 1)..];

        using var list = await api.Admin.GetPathAsync("/api/v1/api-keys");
        var listText = await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var entry = (await list.JsonAsync()).EnumerateArray().Single(k => k.GetProperty("name").GetString() == "ci-list");
        using var one = await api.Admin.GetPathAsync($"/api/v1/api-keys/{entry.GetProperty("id").GetString()}");
        var oneText = await one.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain(secret, listText, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, oneText, StringComparison.Ordinal);
        Assert.DoesNotContain("secretHash", listText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([ApiTestHost.WatchedApp], entry.GetProperty("apps").EnumerateArray().Select(a => a.GetString()).ToList());
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
    }

    [Fact]
    public async Task CreateKey_Stored_OnlyAsSha256OfTheSecret()
    {
        using var response = await api.Admin.PostJsonAsync("/api/v1/api-keys", new { name = "ci-hash", role = "Viewer" });
        var created = await response.JsonAsync();
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("apiKey").GetProperty("id").GetString()!;
        var secret = key[(key.LastIndexOf('_') + 1)..];

        await using var context = await api.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var record = await context.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id, TestContext.Current.CancellationToken);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), record.SecretHash);
        Assert.DoesNotContain(secret, record.SecretHash + record.Name + record.Apps, StringComparison.Ordinal);
        var audit = Assert.Single(await api.AuditAsync("api-key.create"), e => e.Target.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, audit.Parameters ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(AuditOutcome.Succeeded, audit.Outcome);
        Assert.Equal("admin", audit.ActorName);
    }

    [Fact]
    public async Task RevokedKey_NextRequest_Is401WithTheReasonAndTheRevocationIsAudited()
    {
        using var response = await api.Admin.PostJsonAsync("/api/v1/api-keys", new { name = "ci-revoke", role = "Viewer" });
        var created = await response.JsonAsync();
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("apiKey").GetProperty("id").GetString()!;
        var client = api.KeyClient(key);
        using (var before = await client.GetPathAsync("/api/v1/apps"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoke = await api.Admin.DeletePathAsync($"/api/v1/api-keys/{id}");
        using var after = await client.GetPathAsync("/api/v1/apps");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var problem = await after.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.StartsWith("The API key ci-revoke was revoked at ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var challenge = Assert.Single(after.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("error_description=\"The API key ci-revoke was revoked at", challenge.Parameter, StringComparison.Ordinal);
        var audit = Assert.Single(await api.AuditAsync("api-key.revoke"), e => e.Target == $"ci-revoke ({id})");
        Assert.Equal(AuditOutcome.Succeeded, audit.Outcome);
        Assert.Equal("admin", audit.ActorName);
        var listed = await (await api.Admin.GetPathAsync($"/api/v1/api-keys/{id}")).JsonAsync();
        Assert.Equal("Revoked", listed.GetProperty("state").GetString());
        Assert.Equal("admin", listed.GetProperty("revokedBy").GetString());
    }

    [Fact]
    public async Task Revoke_Twice_Returns409AndUnknownId404()
    {
        using var response = await api.Admin.PostJsonAsync("/api/v1/api-keys", new { name = "ci-twice", role = "Viewer" });
        var id = (await response.JsonAsync()).GetProperty("apiKey").GetProperty("id").GetString()!;
        using (await api.Admin.DeletePathAsync($"/api/v1/api-keys/{id}"))
        {
        }

        using var again = await api.Admin.DeletePathAsync($"/api/v1/api-keys/{id}");
        using var unknown = await api.Admin.DeletePathAsync("/api/v1/api-keys/0123456789abcdef");

        var conflict = await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.StartsWith("The API key ci-twice was already revoked at ", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var missing = await unknown.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("There is no API key with id 0123456789abcdef.", missing.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("mnk_0123456789abcdef_" + "0000000000000000000000000000000000000000000000000000000000000000", "The API key is not known to this dashboard.")]
    [InlineData("not-a-key", "The API key is malformed: expected mnk_<id>_<secret> as the dashboard showed it at creation.")]
    public async Task UnknownOrMalformedKey_Is401WithTheReason(string key, string reason)
    {
        using var response = await api.KeyClient(key).GetPathAsync("/api/v1/apps");

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(reason, problem.GetProperty("detail").GetString());
        Assert.Contains($"error_description=\"{reason}\"", Assert.Single(response.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XApiKeyHeader_ValidKey_Authenticates()
    {
        var key = await api.CreateKeyAsync("header-key", Operations.Security.DashboardRole.Viewer);
        using var client = api.Host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        using var response = await client.GetPathAsync("/api/v1/apps");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CreateKey_BadFields_Returns400NamingEachField()
    {
        using var response = await api.Admin.PostJsonAsync("/api/v1/api-keys", new { name = "", role = "Root", apps = new[] { "no-such-app" }, expiresInDays = 400 });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal("is required, e.g. ci-deploy", errors.GetProperty("name")[0].GetString());
        Assert.Equal("must be Viewer, Operator or Admin", errors.GetProperty("role")[0].GetString());
        Assert.StartsWith("there is no app named no-such-app; known apps: ", errors.GetProperty("apps")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("must be between 1 and 365 days", errors.GetProperty("expiresInDays")[0].GetString());
        var audit = Assert.Single(await api.AuditAsync("api-key.create"), e => e.Outcome == AuditOutcome.Failed && e.Error!.Contains("ExpiresInDays: must be between 1 and 365 days", StringComparison.Ordinal));
        Assert.Equal("admin", audit.ActorName);
    }

    [Fact]
    public async Task CreateKey_Viewer_Is403AndAuditedAsDenied()
    {
        using var response = await api.Viewer.PostJsonAsync("/api/v1/api-keys", new { name = "sneaky", role = "Admin" });

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("api-key.create needs the Admin role; viewer is Viewer.", problem.GetProperty("detail").GetString());
        var denied = Assert.Single(await api.AuditAsync("api-key.create"), e => e.Outcome == AuditOutcome.Denied && e.ActorName == "viewer");
        Assert.Equal("api keys", denied.Target);
    }

    [Fact]
    public async Task ListKeys_OperatorKey_Is403()
    {
        var key = await api.CreateKeyAsync("operator-key", Operations.Security.DashboardRole.Operator);

        using var response = await api.KeyClient(key).GetPathAsync("/api/v1/api-keys");

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("GET /api/v1/api-keys needs the Admin role; operator-key is Operator.", problem.GetProperty("detail").GetString());
    }

    [GeneratedRegex("^mnk_[0-9a-f]{16}_[0-9a-f]{64}$")]
    private static partial Regex KeyFormat();
}
