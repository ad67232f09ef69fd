using System.Net;
using System.Text;

namespace MetaNode.Dashboard.Tests.Api;

/// <summary>Every error of the API is an RFC 7807 problem, never a page or a stack trace.</summary>
public sealed class ApiProblemTests(ApiTestHost api) : IClassFixture<ApiTestHost>
{
    [Fact]
    public async Task Problem_NotFound_HasTypeTitleStatusDetailInstanceAndTraceId()
    {
        using var response = await api.Viewer.GetPathAsync("/api/v1/apps/no-such-app");

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.5", problem.GetProperty("type").GetString());
        Assert.Equal("Not Found", problem.GetProperty("title").GetString());
        Assert.Equal("There is no app named no-such-app.", problem.GetProperty("detail").GetString());
        Assert.Equal("/api/v1/apps/no-such-app", problem.GetProperty("instance").GetString());
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task UnknownRoute_SignedIn_Returns404Problem()
    {
        using var response = await api.Viewer.GetPathAsync("/api/v1/no-such-thing");

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("No API endpoint answers GET /api/v1/no-such-thing. The OpenAPI document at /openapi/v1.json lists them all.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WrongMethod_Returns405Problem()
    {
        using var response = await api.Viewer.PutAsync(new Uri("/api/v1/apps", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await response.ProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task MalformedJson_Returns400Problem()
    {
        using var response = await api.Operator.PostAsync(
            new Uri($"/api/v1/apps/{ApiTestHost.WatchedApp}/watched-nodes", UriKind.Relative),
            new StringContent("{\"name\": ", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("The request could not be read", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormBody_Returns415Problem()
    {
        using var response = await api.Operator.PostAsync(
            new Uri($"/api/v1/apps/{ApiTestHost.WatchedApp}/watched-nodes", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "x" }),
            TestContext.Current.CancellationToken);

        var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Send the request body as application/json.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task BodyOver64KB_Returns413Problem()
    {
        var body = "{\"name\": \"big\", \"url\": \"http://127.0.0.1:9/\", \"zone\": \"" + new string('z', 70 * 1024) + "\"}";

        using var response = await api.Operator.PostAsync(
            new Uri($"/api/v1/apps/{ApiTestHost.WatchedApp}/watched-nodes", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("The request body is larger than the API accepts (64 KB).", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Anonymous_NoKey_Returns401ProblemAndBearerChallenge()
    {
        using var response = await api.Anonymous().GetPathAsync("/api/v1/apps");

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.StartsWith("Send an API key as 'Authorization: Bearer mnk_…'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("realm=\"MetaNode\"", Assert.Single(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer").Parameter);
    }

    [Fact]
    public async Task Page_NotSignedIn_StillRedirectsToSignIn()
    {
        using var response = await api.Anonymous().GetPathAsync("/nodes");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/account/sign-in?ReturnUrl=%2Fnodes", response.Headers.Location?.PathAndQuery);
    }
}
