namespace MetaNode.Dashboard.Security;

/// <summary>
/// Per circuit: where the browser connected from. Interactive events have no HttpContext, so the
/// address is read when the page is requested and carried into the circuit by <c>Routes</c>.
/// </summary>
public sealed class ClientContext
{
    /// <summary>The client's IP address, when known.</summary>
    public string? Address { get; set; }
}
