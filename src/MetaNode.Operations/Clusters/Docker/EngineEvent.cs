using System.Text.Json.Serialization;

namespace MetaNode.Operations.Clusters.Docker;

/// <summary>One line of the engine's event stream (<c>GET /events</c>), only the fields the provider reads.</summary>
internal sealed record EngineEvent(
    [property: JsonPropertyName("Type")] string? Type,
    [property: JsonPropertyName("Action")] string? Action,
    [property: JsonPropertyName("Actor")] EngineActor? Actor)
{
    public string? ContainerId => Actor?.Id;

    /// <summary>An attribute of the event (container labels, <c>exitCode</c>, <c>signal</c>, <c>name</c>).</summary>
    public string? Attribute(string name) => Actor?.Attributes is { } attributes && attributes.TryGetValue(name, out var value) ? value : null;
}

/// <summary>The object an event is about.</summary>
internal sealed record EngineActor(
    [property: JsonPropertyName("ID")] string? Id,
    [property: JsonPropertyName("Attributes")] Dictionary<string, string>? Attributes);
