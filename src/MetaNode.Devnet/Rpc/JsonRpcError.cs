namespace MetaNode.Devnet.Rpc;

/// <summary>A JSON-RPC 2.0 error object.</summary>
internal sealed record JsonRpcError(int Code, string Message)
{
    public static JsonRpcError ParseError { get; } = new(-32700, "Parse error");

    public static JsonRpcError InvalidRequest(string detail) => new(-32600, "Invalid request: " + detail);

    public static JsonRpcError MethodNotFound(string method) => new(-32601, $"the method {method} does not exist/is not available");

    public static JsonRpcError InvalidParams(string detail) => new(-32602, "Invalid params: " + detail);
}

/// <summary>Thrown by a method for invalid parameters; becomes a -32602 answer.</summary>
internal sealed class InvalidParamsException(string message) : Exception(message);
