using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace MetaNode.Operations.Tests.Support;

/// <summary>Reads a node's chain over JSON-RPC, as the dashboard's monitor will.</summary>
internal static class RpcProbe
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>eth_blockNumber.</summary>
    public static async Task<long> HeightAsync(Uri node)
    {
        var result = await CallAsync(node, "eth_blockNumber");
        return long.Parse(result.GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    /// <summary>The hash of the block at <paramref name="height"/>, or null beyond the head.</summary>
    public static async Task<string?> HashAtAsync(Uri node, long height)
    {
        var result = await CallAsync(node, "eth_getBlockByNumber", "0x" + height.ToString("x", CultureInfo.InvariantCulture), false);
        return result.ValueKind == JsonValueKind.Null ? null : result.GetProperty("hash").GetString();
    }

    /// <summary>The height, or null when the node does not answer.</summary>
    public static async Task<long?> TryHeightAsync(Uri node)
    {
        try
        {
            return await HeightAsync(node);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task<JsonElement> CallAsync(Uri node, string method, params object[] parameters)
    {
        using var response = await Http.PostAsJsonAsync(node, new { jsonrpc = "2.0", id = 1, method, @params = parameters });
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("result").Clone();
    }
}
