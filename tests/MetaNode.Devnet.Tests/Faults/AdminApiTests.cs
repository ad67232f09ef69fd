using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MetaNode.Devnet.Tests.Support;

namespace MetaNode.Devnet.Tests.Faults;

/// <summary>The fault admin API's access rules and request validation.</summary>
public sealed class AdminApiTests(SoloValidatorFixture fixture) : IClassFixture<SoloValidatorFixture>
{
    private DevnetNode Node => fixture.Node;

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "admin/faults" },
        { "GET", "admin/status" },
        { "POST", "admin/partition" },
        { "POST", "admin/reconnect" },
        { "POST", "admin/latency" },
        { "POST", "admin/stall" },
        { "POST", "admin/heal" },
        { "PUT", "admin/membership" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AdminApi_WithoutToken_Answers401WithBearerChallenge(string method, string path)
    {
        using var client = DevnetNode.CreateClient(Node.AdminAddress!, TimeSpan.FromSeconds(30));

        using var response = await SendAsync(client, method, path, authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Theory]
    [InlineData("Bearer", "wrong-token")]
    [InlineData("Bearer", DevnetNode.AdminToken + "x")]
    [InlineData("Bearer", "devnet-tests-admin-toke")]
    [InlineData("Basic", DevnetNode.AdminToken)]
    [InlineData("bearer", DevnetNode.AdminToken)]
    public async Task AdminApi_WithWrongCredentials_Answers401AndChangesNothing(string scheme, string token)
    {
        using var client = DevnetNode.CreateClient(Node.AdminAddress!, TimeSpan.FromSeconds(30));

        using var response = await SendAsync(client, "POST", "admin/stall", new AuthenticationHeaderValue(scheme, token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var faults = await Node.AdminAsync(HttpMethod.Get, "admin/faults");
        Assert.False((bool)faults.Object["stalled"]!);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AdminApi_OnTheRpcPort_IsNotServedEvenWithTheToken(string method, string path)
    {
        using var client = DevnetNode.CreateClient(Node.RpcAddress, TimeSpan.FromSeconds(30));

        using var response = await SendAsync(client, method, path, new AuthenticationHeaderValue("Bearer", DevnetNode.AdminToken));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var faults = await Node.AdminAsync(HttpMethod.Get, "admin/faults");
        Assert.False((bool)faults.Object["stalled"]!);
    }

    [Fact]
    public async Task Faults_NothingInjected_ReportsNothingInForce()
    {
        var answer = await Node.AdminAsync(HttpMethod.Get, "admin/faults");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.MediaType);
        var report = answer.Object;
        Assert.Empty(Assert.IsType<JsonArray>(report["partitionedFrom"]));
        Assert.Equal(0, (int)report["latencyMilliseconds"]!);
        Assert.False((bool)report["stalled"]!);
    }

    [Fact]
    public async Task Status_Read_NamesTheNodeAndItsHead()
    {
        var height = await Node.HeightAsync();

        var answer = await Node.AdminAsync(HttpMethod.Get, "admin/status");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var status = answer.Object;
        Assert.Equal("validator-0", (string?)status["nodeId"]);
        Assert.Equal("devnet", (string?)status["app"]);
        Assert.Equal("validator", (string?)status["role"]);
        Assert.Equal(Environment.ProcessId, (int)status["pid"]!);
        Assert.True((long)status["height"]! >= height);
        Assert.True(WireFormat.IsHash((string?)status["headHash"]));
    }

    [Theory]
    [InlineData("GET", "admin/nothing")]
    [InlineData("GET", "admin/stall")]
    [InlineData("POST", "admin/faults")]
    [InlineData("GET", "health")]
    public async Task AdminApi_UnknownRoute_Answers404(string method, string path)
    {
        using var response = await SendAsync(Node.AdminClient, method, path, authorization: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "admin/partition", "not json")]
    [InlineData("POST", "admin/partition", "")]
    [InlineData("POST", "admin/partition", "null")]
    [InlineData("POST", "admin/partition", "{}")]
    [InlineData("POST", "admin/partition", """{"peers":null}""")]
    [InlineData("POST", "admin/partition", """{"peers":[null]}""")]
    [InlineData("POST", "admin/partition", """{"peers":[""]}""")]
    [InlineData("POST", "admin/partition", """{"peers":"validator-1"}""")]
    [InlineData("POST", "admin/partition", """{"peers":["validator-1"],"extra":1}""")]
    [InlineData("POST", "admin/partition", """["validator-1"]""")]
    [InlineData("POST", "admin/reconnect", "{")]
    [InlineData("POST", "admin/reconnect", "{}")]
    [InlineData("POST", "admin/latency", """{"milliseconds":"slow"}""")]
    [InlineData("POST", "admin/latency", """{"milliseconds":1.5}""")]
    [InlineData("POST", "admin/latency", "")]
    [InlineData("PUT", "admin/membership", "")]
    [InlineData("PUT", "admin/membership", "[]")]
    [InlineData("PUT", "admin/membership", "{}")]
    [InlineData("PUT", "admin/membership", """{"validators":null}""")]
    [InlineData("PUT", "admin/membership", """{"validators":["validator-0"]}""")]
    public async Task AdminApi_BadBody_Answers400WithAMessage(string method, string path, string body)
    {
        var answer = await Node.AdminAsync(new HttpMethod(method), path, body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("text/plain", answer.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(answer.Body), "a 400 says what is wrong");
        await AssertNothingInForceAsync();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(60_001)]
    [InlineData(int.MaxValue)]
    public async Task Latency_OutOfRange_Answers400NamingTheRange(int milliseconds)
    {
        var answer = await Node.AdminAsync(HttpMethod.Post, "admin/latency", $$"""{"milliseconds":{{milliseconds}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("60000", answer.Body, StringComparison.Ordinal);
        await AssertNothingInForceAsync();
    }

    [Theory]
    [InlineData("""{"validators":{}}""", "must not be empty")]
    [InlineData("""{"validators":{"validator-1":"http://127.0.0.1:1/"}}""", "validator-0")]
    [InlineData("""{"validators":{"validator-0":"http://127.0.0.1:1/"},"quorum":0}""", "quorum")]
    [InlineData("""{"validators":{"validator-0":"http://127.0.0.1:1/"},"quorum":2}""", "quorum")]
    [InlineData("""{"validators":{"validator-0":"ftp://127.0.0.1:1/"}}""", "http")]
    [InlineData("""{"validators":{"validator-0":"validator-0:8545"}}""", "http")]
    [InlineData("""{"validators":{"validator-0":"http://127.0.0.1:1/"},"peers":{"blockchain-0":"not a url"}}""", "http")]
    public async Task Membership_Invalid_Answers400SayingWhy(string body, string mentioned)
    {
        var answer = await Node.AdminAsync(HttpMethod.Put, "admin/membership", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(mentioned, answer.Body, StringComparison.Ordinal);
    }

    private async Task AssertNothingInForceAsync()
    {
        var faults = (await Node.AdminAsync(HttpMethod.Get, "admin/faults")).Object;
        Assert.Empty(Assert.IsType<JsonArray>(faults["partitionedFrom"]));
        Assert.Equal(0, (int)faults["latencyMilliseconds"]!);
        Assert.False((bool)faults["stalled"]!);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, AuthenticationHeaderValue? authorization)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method != "GET")
        {
            request.Content = new StringContent("""{"peers":[],"milliseconds":0,"validators":{}}""", Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = authorization;
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
