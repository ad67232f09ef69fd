using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MetaNode.Devnet.Consensus;

namespace MetaNode.Devnet.Hosting;

/// <summary>The two Kubo RPC calls a health check uses, in Kubo's JSON shape (POST only, as Kubo).</summary>
internal static class IpfsApi
{
    private const string KuboVersion = "0.29.0";

    public static async Task WriteIdAsync(HttpContext context, NodeRuntime node)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes(node.Settings.App + "/" + node.Id));
        await WriteAsync(context, w =>
        {
            w.WriteString("ID", "12D3KooW" + Convert.ToHexStringLower(key)[..44]);
            w.WriteString("PublicKey", "CAESI" + Convert.ToBase64String(key));
            w.WriteStartArray("Addresses");
            w.WriteStringValue($"/ip4/{node.Settings.Listen.Address}/tcp/{node.Settings.Listen.Port}");
            w.WriteEndArray();
            w.WriteString("AgentVersion", $"kubo/{KuboVersion}/metanode-devnet");
            w.WriteStartArray("Protocols");
            w.WriteStringValue("/ipfs/bitswap/1.2.0");
            w.WriteStringValue("/ipfs/id/1.0.0");
            w.WriteStringValue("/ipfs/kad/1.0.0");
            w.WriteEndArray();
        });
    }

    public static Task WriteVersionAsync(HttpContext context) =>
        WriteAsync(context, w =>
        {
            w.WriteString("Version", KuboVersion);
            w.WriteString("Commit", string.Empty);
            w.WriteString("Repo", "16");
            w.WriteString("System", "amd64/linux");
            w.WriteString("Golang", "go1.22.4");
        });

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> body)
    {
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
