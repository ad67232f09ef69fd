using System.Buffers;
using System.Text.Json;

namespace MetaNode.Devnet.Rpc;

/// <summary>
/// JSON-RPC 2.0 over HTTP POST, in Ethereum's wire format: single requests and batches,
/// notifications (no <c>id</c>) answered with nothing, and the standard error codes -32700
/// (not JSON), -32600 (not a request), -32601 (unknown method) and -32602 (bad parameters).
/// </summary>
internal sealed class JsonRpcHandler(EthMethods methods)
{
    /// <summary>Requests allowed in one batch.</summary>
    public const int MaxBatchSize = 100;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 16 };

    /// <summary>Answers one HTTP request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var output = new ArrayBufferWriter<byte>(256);
        var answered = Answer(body.GetBuffer().AsMemory(0, (int)body.Length), output);
        if (!answered)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent; // only notifications: nothing to say
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(output.WrittenMemory, context.RequestAborted);
    }

    /// <summary>Writes the answer to <paramref name="request"/>; false when there is none (notifications only).</summary>
    public bool Answer(ReadOnlyMemory<byte> request, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request, ParseOptions);
        }
        catch (JsonException)
        {
            WriteError(writer, default, JsonRpcError.ParseError);
            return true;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                // Every method here only reads, so a notification has nothing to do and nothing to answer.
                if (IsNotification(root))
                {
                    return false;
                }

                AnswerOne(writer, root);
                return true;
            }

            var count = root.GetArrayLength();
            if (count == 0 || count > MaxBatchSize)
            {
                WriteError(writer, default, JsonRpcError.InvalidRequest(count == 0 ? "empty batch" : $"a batch may hold at most {MaxBatchSize} requests"));
                return true;
            }

            if (root.EnumerateArray().All(IsNotification))
            {
                return false;
            }

            writer.WriteStartArray();
            foreach (var item in root.EnumerateArray())
            {
                if (IsNotification(item))
                {
                    continue;
                }

                AnswerOne(writer, item);
            }

            writer.WriteEndArray();
            return true;
        }
    }

    private static bool IsNotification(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && !item.TryGetProperty("id", out _) && Validate(item) is null;

    private void AnswerOne(Utf8JsonWriter writer, JsonElement item)
    {
        if (Validate(item) is { } problem)
        {
            var id = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var rawId) && IsValidId(rawId) ? rawId : default;
            WriteError(writer, id, problem);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WritePropertyName("id");
        item.GetProperty("id").WriteTo(writer);
        var (error, result) = Invoke(item);
        if (error is not null)
        {
            WriteErrorBody(writer, error);
        }
        else
        {
            writer.WritePropertyName("result");
            result!(writer);
        }

        writer.WriteEndObject();
    }

    private (JsonRpcError? Error, Action<Utf8JsonWriter>? Result) Invoke(JsonElement item)
    {
        var method = item.GetProperty("method").GetString()!;
        var parameters = item.TryGetProperty("params", out var p) ? p : default;
        if (!methods.TryGet(method, out var implementation))
        {
            return (JsonRpcError.MethodNotFound(method), null);
        }

        try
        {
            var positional = parameters.ValueKind == JsonValueKind.Array ? [.. parameters.EnumerateArray()] : Array.Empty<JsonElement>();
            if (parameters.ValueKind == JsonValueKind.Object)
            {
                throw new InvalidParamsException("expected an array of positional parameters");
            }

            return (null, implementation(positional));
        }
        catch (InvalidParamsException ex)
        {
            return (JsonRpcError.InvalidParams(ex.Message), null);
        }
    }

    private static JsonRpcError? Validate(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return JsonRpcError.InvalidRequest("a request must be a JSON object");
        }

        if (!item.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            return JsonRpcError.InvalidRequest("\"jsonrpc\" must be \"2.0\"");
        }

        if (!item.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(method.GetString()))
        {
            return JsonRpcError.InvalidRequest("\"method\" must be a non-empty string");
        }

        if (item.TryGetProperty("params", out var parameters) && parameters.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
        {
            return JsonRpcError.InvalidRequest("\"params\" must be an array or an object");
        }

        if (item.TryGetProperty("id", out var id) && !IsValidId(id))
        {
            return JsonRpcError.InvalidRequest("\"id\" must be a string, a number or null");
        }

        return null;
    }

    private static bool IsValidId(JsonElement id) => id.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null;

    private static void WriteError(Utf8JsonWriter writer, JsonElement id, JsonRpcError error)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WritePropertyName("id");
        if (id.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
        }
        else
        {
            id.WriteTo(writer);
        }

        WriteErrorBody(writer, error);
        writer.WriteEndObject();
    }

    private static void WriteErrorBody(Utf8JsonWriter writer, JsonRpcError error)
    {
        writer.WriteStartObject("error");
        writer.WriteNumber("code", error.Code);
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
    }
}
