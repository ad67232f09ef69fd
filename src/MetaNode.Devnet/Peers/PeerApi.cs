using System.Globalization;
using System.Text.Json;
using MetaNode.Devnet.Consensus;

namespace MetaNode.Devnet.Peers;

/// <summary>The <c>/p2p/*</c> endpoints other nodes call. A partitioned node refuses its cut-off peers.</summary>
internal static class PeerApi
{
    public static async Task HandleAsync(HttpContext context, NodeRuntime node, string path)
    {
        var from = context.Request.Headers[HttpPeerTransport.SenderHeader].ToString();
        if (!node.KeepsChain || string.IsNullOrEmpty(from))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (node.Faults.IsPartitionedFrom(from))
        {
            context.Abort(); // as if the network dropped it
            return;
        }

        node.NotePeerContact(from);
        var cancellation = context.RequestAborted;
        try
        {
            switch (context.Request.Method, path)
            {
                case ("GET", "/p2p/status"):
                    await Write(context, node.Status(), DevnetJsonContext.Default.PeerStatus);
                    break;
                case ("GET", "/p2p/blocks"):
                    var start = long.TryParse(context.Request.Query["from"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) ? f : 0;
                    var count = int.TryParse(context.Request.Query["count"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : 128;
                    await Write(context, node.Blocks(start, count).ToList(), DevnetJsonContext.Default.ListBlock);
                    break;
                case ("POST", "/p2p/proposal"):
                    var proposal = await JsonSerializer.DeserializeAsync(context.Request.Body, DevnetJsonContext.Default.Proposal, cancellation);
                    await Write(context, node.HandleProposal(proposal!), DevnetJsonContext.Default.Vote);
                    break;
                case ("POST", "/p2p/commit"):
                    var commit = await JsonSerializer.DeserializeAsync(context.Request.Body, DevnetJsonContext.Default.Commit, cancellation);
                    node.HandleCommit(commit!);
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    break;
                default:
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    break;
            }
        }
        catch (JsonException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    private static Task Write<T>(HttpContext context, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}
