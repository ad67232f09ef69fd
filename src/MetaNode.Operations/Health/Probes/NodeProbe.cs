using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MetaNode.Operations.Health.Probes;

/// <summary>
/// Probes one node: one JSON-RPC batch (client version, chain id, block number, latest block,
/// peer count, syncing, and the checkpoint block) and GET /health, concurrently, under one strict
/// timeout. Works against any Ethereum JSON-RPC client: a method answered with -32601 is recorded
/// as unsupported ("n/a"), and a client without batch support is asked one method at a time.
/// </summary>
public sealed class NodeProbe(HttpClient http, TimeProvider time)
{
    private const int MethodNotFound = -32601;
    /// <summary>Endpoints found not to accept batches; they are asked one method at a time.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Uri, bool> _noBatch = new();

    /// <summary>Probes <paramref name="target"/>, giving up after <paramref name="timeout"/>.</summary>
    public async Task<ProbeResult> ProbeAsync(ProbeTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = time.GetTimestamp();
        Task<RpcAnswers?> rpc = target.JsonRpc ? CallRpcAsync(target, deadline.Token)! : Task.FromResult<RpcAnswers?>(null);
        var health = target.HealthEndpoint ? CheckHealthAsync(target.Endpoint, deadline.Token) : Task.FromResult<(bool Ok, string Status)?>(null);
        try
        {
            await Task.WhenAll(rpc, health);
        }
        catch (Exception ex) when (IsNoAnswer(ex) && !cancellationToken.IsCancellationRequested)
        {
            var reason = deadline.IsCancellationRequested
                ? string.Create(CultureInfo.InvariantCulture, $"no answer within {timeout.TotalMilliseconds:0} ms")
                : Describe(ex);
            return new ProbeResult { Answered = false, Error = reason, Latency = time.GetElapsedTime(started), CompletedAt = time.GetUtcNow() };
        }

        var latency = time.GetElapsedTime(started);
        var answers = rpc.Result;
        var check = health.Result;
        return new ProbeResult
        {
            Answered = true,
            Latency = latency,
            CompletedAt = time.GetUtcNow(),
            Error = answers?.Error,
            ClientVersion = answers?.String("web3_clientVersion"),
            ChainId = answers?.Quantity("eth_chainId"),
            Height = answers?.Block("latest")?.Number ?? answers?.Quantity("eth_blockNumber"),
            HeadHash = answers?.Block("latest")?.Hash,
            HeadTime = answers?.Block("latest")?.Time,
            Proposer = answers?.Block("latest")?.Miner,
            HeadRound = answers?.Block("latest")?.Nonce,
            Peers = answers?.Quantity("net_peerCount") is { } peers ? (int)peers : null,
            Syncing = answers?.Syncing(),
            CheckpointHeight = target.CheckpointHeight,
            CheckpointHash = answers?.Block("checkpoint")?.Hash,
            HealthOk = check?.Ok,
            HealthCheck = check?.Status,
            Unsupported = answers?.Unsupported ?? new HashSet<string>(),
        };
    }

    private async Task<RpcAnswers?> CallRpcAsync(ProbeTarget target, CancellationToken cancellationToken)
    {
        var requests = new List<(int Id, string Method, string Params, string Key)>
        {
            (1, "web3_clientVersion", "[]", "web3_clientVersion"),
            (2, "eth_chainId", "[]", "eth_chainId"),
            (3, "eth_blockNumber", "[]", "eth_blockNumber"),
            (4, "eth_getBlockByNumber", "[\"latest\",false]", "latest"),
            (5, "net_peerCount", "[]", "net_peerCount"),
            (6, "eth_syncing", "[]", "eth_syncing"),
        };
        if (target.CheckpointHeight is { } checkpoint)
        {
            requests.Add((7, "eth_getBlockByNumber", $"[\"0x{checkpoint.ToString("x", CultureInfo.InvariantCulture)}\",false]", "checkpoint"));
        }

        if (!_noBatch.ContainsKey(target.Endpoint))
        {
            var body = "[" + string.Join(',', requests.Select(r => Request(r.Id, r.Method, r.Params))) + "]";
            using var document = await PostAsync(target.Endpoint, body, cancellationToken);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                var byId = document.RootElement.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number)
                    .ToDictionary(e => e.GetProperty("id").GetInt32(), e => e.Clone());
                return RpcAnswers.From(requests.Select(r => (r.Key, r.Method, byId.GetValueOrDefault(r.Id))));
            }

            _noBatch[target.Endpoint] = true; // a single error instead of an array: no batch support
        }

        var answers = new List<(string Key, string Method, JsonElement Answer)>();
        foreach (var request in requests)
        {
            using var document = await PostAsync(target.Endpoint, Request(request.Id, request.Method, request.Params), cancellationToken);
            answers.Add((request.Key, request.Method, document.RootElement.Clone()));
        }

        return RpcAnswers.From(answers);
    }

    private static string Request(int id, string method, string parameters) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{method}\",\"params\":{parameters}}}");

    private async Task<JsonDocument> PostAsync(Uri endpoint, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(endpoint, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"JSON-RPC answered HTTP {(int)response.StatusCode}", null, response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, default, cancellationToken);
    }

    private async Task<(bool Ok, string Status)?> CheckHealthAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(endpoint, "health"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null; // this client has no /health: JSON-RPC alone decides
        }

        var status = response.IsSuccessStatusCode ? "ok" : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("status", out var reported) && reported.ValueKind == JsonValueKind.String)
            {
                status = reported.GetString()!;
            }
        }
        catch (JsonException)
        {
            // A plain-text /health: the status code says enough.
        }

        return (response.IsSuccessStatusCode, status);
    }

    private static bool IsNoAnswer(Exception ex) =>
        ex is HttpRequestException or OperationCanceledException or JsonException or IOException;

    private static string Describe(Exception ex) => ex switch
    {
        HttpRequestException { StatusCode: { } code } => string.Create(CultureInfo.InvariantCulture, $"JSON-RPC answered HTTP {(int)code}"),
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "connection refused",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "host name not found",
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse } => "connection closed before an answer",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "TLS handshake failed",
        HttpRequestException => "connection failed",
        IOException => "connection closed before an answer",
        JsonException => "answered something that is not JSON-RPC",
        _ => ex.Message,
    };

    /// <summary>The answers of one probe's calls, keyed by what was asked.</summary>
    private sealed class RpcAnswers
    {
        private readonly Dictionary<string, JsonElement> _results = new(StringComparer.Ordinal);

        public HashSet<string> Unsupported { get; } = new(StringComparer.Ordinal);

        public string? Error { get; private set; }

        public static RpcAnswers From(IEnumerable<(string Key, string Method, JsonElement Answer)> answers)
        {
            var result = new RpcAnswers();
            foreach (var (key, method, answer) in answers)
            {
                if (answer.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (answer.TryGetProperty("result", out var value))
                {
                    result._results[key] = value;
                }
                else if (answer.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) && code.TryGetInt32(out var number))
                {
                    if (number == MethodNotFound)
                    {
                        result.Unsupported.Add(method);
                    }
                    else
                    {
                        result.Error ??= $"{method} failed: {(error.TryGetProperty("message", out var message) ? message.GetString() : number.ToString(CultureInfo.InvariantCulture))}";
                    }
                }
            }

            return result;
        }

        public string? String(string key) => _results.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        public long? Quantity(string key) => ParseQuantity(String(key));

        public BlockHeader? Block(string key) =>
            _results.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.Object
                ? new BlockHeader(
                    ParseQuantity(Text(value, "number")),
                    Text(value, "hash"),
                    Text(value, "miner"),
                    ParseQuantity(Text(value, "timestamp")) is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
                    ParseQuantity(Text(value, "nonce")))
                : null;

        public SyncProgress? Syncing()
        {
            if (!_results.TryGetValue("eth_syncing", out var value) || value.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new SyncProgress(
                ParseQuantity(Text(value, "startingBlock")) ?? 0,
                ParseQuantity(Text(value, "currentBlock")) ?? 0,
                ParseQuantity(Text(value, "highestBlock")) ?? 0);
        }

        private static string? Text(JsonElement value, string property) =>
            value.TryGetProperty(property, out var field) && field.ValueKind == JsonValueKind.String ? field.GetString() : null;

        private static long? ParseQuantity(string? text) =>
            text is { Length: > 2 } && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) && value <= long.MaxValue
                ? (long)value
                : null;
    }

    private sealed record BlockHeader(long? Number, string? Hash, string? Miner, DateTimeOffset? Time, long? Nonce);
}
