using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Tests.Support;

/// <summary>
/// A minimal Ethereum JSON-RPC endpoint of another make: no batch support (it answers an array
/// with one -32600 error, as some clients do), -32601 for net_peerCount and eth_syncing, and no
/// /health. The monitor must still judge it healthy and show "n/a" for what it lacks.
/// </summary>
internal sealed class FakeEthereumClient : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _height = 100;

    private FakeEthereumClient(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<FakeEthereumClient> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var client = new FakeEthereumClient(app);
        app.MapPost("/", client.AnswerAsync);
        await app.StartAsync();
        client.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.Body);
        context.Response.ContentType = "application/json";
        if (request.RootElement.ValueKind == JsonValueKind.Array)
        {
            await context.Response.WriteAsync("""{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"batch requests are not supported"}}""");
            return;
        }

        var id = request.RootElement.GetProperty("id").GetRawText();
        var height = Interlocked.Increment(ref _height);
        var result = request.RootElement.GetProperty("method").GetString() switch
        {
            "web3_clientVersion" => "\"OtherClient/v9.9.9/linux-amd64/go1.22\"",
            "eth_chainId" => "\"0x539\"",
            "eth_blockNumber" => $"\"0x{height:x}\"",
            "eth_getBlockByNumber" => $$"""{"number":"0x{{height:x}}","hash":"0x{{new string('a', 64)}}","miner":"0x{{new string('b', 40)}}","timestamp":"0x{{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x}}","transactions":[]}""",
            _ => null,
        };
        await context.Response.WriteAsync(result is null
            ? "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32601,\"message\":\"the method does not exist/is not available\"}}"
            : "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}");
    }
}
