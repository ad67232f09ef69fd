using System.Net;
using MetaNode.Operations.Security;
using MetaNode.Operations.Security.ApiKeys;
using Microsoft.Extensions.DependencyInjection;

namespace MetaNode.Dashboard.Tests.Api;

/// <summary>Keys expire: the clock is moved past a key's expiry and the key is refused.</summary>
public sealed class ApiKeyExpiryTests : IAsyncLifetime
{
    private readonly ShiftedTimeProvider _time = new();
    private readonly ApiTestHost _api;

    public ApiKeyExpiryTests()
    {
        _api = new ApiTestHost { Customize = builder => builder.Services.AddSingleton<TimeProvider>(_time) };
    }

    public ValueTask InitializeAsync() => _api.InitializeAsync();

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task Key_PastItsExpiry_Is401SayingItExpiredAndListedAsExpired()
    {
        var key = await _api.CreateKeyAsync("short-lived", DashboardRole.Viewer, days: 7);
        var client = _api.KeyClient(key);
        using (var fresh = await client.GetPathAsync("/api/v1/apps"))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        _time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        using var expired = await client.GetPathAsync("/api/v1/apps");

        var problem = await expired.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.StartsWith("The API key short-lived expired at ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("error_description=\"The API key short-lived expired at", Assert.Single(expired.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
        var listed = Assert.Single(await _api.Services.GetRequiredService<ApiKeyService>().ListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ApiKeyState.Expired, listed.State);
    }

    [Fact]
    public async Task Key_Used_RecordsLastUseAtMostOnceAMinute()
    {
        var key = await _api.CreateKeyAsync("busy-bot", DashboardRole.Viewer);
        var client = _api.KeyClient(key);
        var keys = _api.Services.GetRequiredService<ApiKeyService>();

        using (await client.GetPathAsync("/api/v1/apps"))
        {
        }

        var first = Assert.Single(await keys.ListAsync(TestContext.Current.CancellationToken)).LastUsedAt;
        _time.Advance(TimeSpan.FromSeconds(30));
        using (await client.GetPathAsync("/api/v1/apps"))
        {
        }

        var second = Assert.Single(await keys.ListAsync(TestContext.Current.CancellationToken)).LastUsedAt;
        _time.Advance(TimeSpan.FromSeconds(31));
        using (await client.GetPathAsync("/api/v1/apps"))
        {
        }

        var third = Assert.Single(await keys.ListAsync(TestContext.Current.CancellationToken)).LastUsedAt;
        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.True(third - first >= TimeSpan.FromSeconds(61), $"last use moved from {first:O} to {third:O}");
    }
}
