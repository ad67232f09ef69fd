using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MetaNode.Devnet.Consensus;
using MetaNode.Devnet.Hosting;
using MetaNode.Devnet.Peers;

namespace MetaNode.Devnet.Faults;

/// <summary>
/// The fault admin API, on its own listener (loopback by default) and behind a bearer token:
/// partition from peers (and reconnect), add latency, stall, heal; read status; change membership
/// when the dashboard scales the validator set.
/// </summary>
internal static partial class AdminApi
{
    public static async Task HandleAsync(HttpContext context, NodeRuntime node)
    {
        if (!IsAuthorized(context, node.Settings.AdminToken))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return;
        }

        var faults = node.Faults;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MetaNode.Devnet.Admin");
        try
        {
            switch (context.Request.Method, context.Request.Path.Value)
            {
                case ("GET", "/admin/faults"):
                    break;
                case ("GET", "/admin/status"):
                    await WriteStatusAsync(context, node);
                    return;
                case ("POST", "/admin/partition"):
                    var partitionFrom = await ReadPeerIdsAsync(context);
                    faults.PartitionFrom(partitionFrom);
                    LogFault(logger, node.Id, "partitioned from " + string.Join(", ", partitionFrom));
                    break;
                case ("POST", "/admin/reconnect"):
                    var reconnectTo = await ReadPeerIdsAsync(context);
                    faults.ReconnectTo(reconnectTo);
                    LogFault(logger, node.Id, "reconnected to " + string.Join(", ", reconnectTo));
                    break;
                case ("POST", "/admin/latency"):
                    var latency = await ReadAsync(context, DevnetJsonContext.Default.LatencyRequest);
                    if (latency.Milliseconds is < 0 or > 60_000)
                    {
                        await BadRequestAsync(context, "milliseconds must be between 0 and 60000");
                        return;
                    }

                    faults.SetLatency(TimeSpan.FromMilliseconds(latency.Milliseconds));
                    LogFault(logger, node.Id, $"answers delayed by {latency.Milliseconds} ms");
                    break;
                case ("POST", "/admin/stall"):
                    faults.Stall();
                    LogFault(logger, node.Id, "stalled");
                    break;
                case ("POST", "/admin/heal"):
                    faults.Heal();
                    LogFault(logger, node.Id, "healed");
                    break;
                case ("PUT", "/admin/membership"):
                    var membership = await ReadAsync(context, DevnetJsonContext.Default.MembershipUpdate);
                    if (MembershipProblem(node, membership) is { } problem)
                    {
                        await BadRequestAsync(context, problem);
                        return;
                    }

                    node.UpdateMembership(ToPeers(membership.Validators), membership.Peers is null ? null : ToPeers(membership.Peers), membership.Quorum);
                    break;
                default:
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
            }
        }
        catch (JsonException ex)
        {
            await BadRequestAsync(context, "the body is not valid JSON for this request: " + ex.Message);
            return;
        }

        await WriteAsync(context, faults.Report(), DevnetJsonContext.Default.FaultReport);
    }

    private static bool IsAuthorized(HttpContext context, string? token)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(token) || !header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..]), Encoding.UTF8.GetBytes(token));
    }

    private static string? MembershipProblem(NodeRuntime node, MembershipUpdate update)
    {
        // A body without "validators" deserializes with null there: a client mistake, not a server error.
        if (update.Validators is null)
        {
            return "validators is required: an object of validator id to URL";
        }

        if (update.Validators.Count == 0 && node.Settings.Role == NodeRole.Validator)
        {
            return "validators must not be empty";
        }

        if (node.Settings.Role == NodeRole.Validator && !update.Validators.ContainsKey(node.Id))
        {
            return $"validators must include this validator ({node.Id})";
        }

        if (update.Quorum is { } quorum && (quorum < 1 || quorum > update.Validators.Count))
        {
            return $"quorum must be between 1 and {update.Validators.Count}";
        }

        var urls = update.Validators.Concat(update.Peers ?? new Dictionary<string, string>()).Select(p => p.Value);
        return urls.All(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? null
            : "every peer must be an absolute http(s) URL";
    }

    private static List<Peer> ToPeers(IReadOnlyDictionary<string, string> peers) =>
        [.. peers.Select(p => new Peer(p.Key, new Uri(p.Value))).OrderBy(p => p.Id, StringComparer.Ordinal)];

    private static async Task WriteStatusAsync(HttpContext context, NodeRuntime node)
    {
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        var head = node.Head;
        writer.WriteStartObject();
        writer.WriteString("nodeId", node.Id);
        writer.WriteString("app", node.Settings.App);
        writer.WriteString("role", node.Settings.Role.ToString().ToLowerInvariant());
        writer.WriteNumber("pid", Environment.ProcessId);
        writer.WriteString("startedAt", node.StartedAt);
        if (head is not null)
        {
            writer.WriteNumber("height", head.Number);
            writer.WriteString("headHash", head.Hash);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private static async Task<IReadOnlyList<string>> ReadPeerIdsAsync(HttpContext context) =>
        (await ReadAsync(context, DevnetJsonContext.Default.PartitionRequest)).Peers is { } peers && peers.All(p => !string.IsNullOrEmpty(p))
            ? peers
            : throw new JsonException("\"peers\" is required: a list of peer ids");

    private static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type) =>
        await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted)
        ?? throw new JsonException("empty body");

    private static Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }

    private static async Task BadRequestAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fault on {NodeId}: {Fault}")]
    private static partial void LogFault(ILogger logger, string nodeId, string fault);
}
