using System.Net;
using MetaNode.Operations.Security;

namespace MetaNode.Dashboard.Tests.Api;

/// <summary>The API's rate limit answers with a 429 problem and Retry-After.</summary>
public sealed class ApiRateLimitTests : IAsyncLifetime
{
    // 6 a minute: a bucket of 10 requests, refilled by 2 every 10 s.
    private readonly ApiTestHost _api = new() { ExtraSettings = new Dictionary<string, string?> { ["Dashboard:Security:ApiRequestsPerMinute"] = "6" } };

    public ValueTask InitializeAsync() => _api.InitializeAsync();

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task ApiKey_OverTheLimit_Gets429ProblemWithRetryAfter()
    {
        var client = _api.KeyClient(await _api.CreateKeyAsync("chatty-bot", DashboardRole.Viewer));
        HttpResponseMessage? refused = null;

        for (var i = 0; i < 30 && refused is null; i++)
        {
            var response = await client.GetPathAsync("/api/v1/apps");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
            Assert.Equal("Too Many Requests", problem.GetProperty("title").GetString());
            Assert.StartsWith("Too many requests from chatty-bot: the API's rate limit is reached. Retry after ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        }
    }
}
