namespace MetaNode.Operations.Topology.Design;

/// <summary>
/// Names one value of a design, the same way everywhere (validation, import, diff): the
/// <see cref="DesignKeys"/> from the document's root joined by dots; an item of a list by its
/// name in brackets where it has one (<c>components[validator].replicas</c>,
/// <c>regions[eu-west-1].zones[1]</c>), else by its 0-based index.
/// </summary>
public static class FieldPath
{
    /// <summary><paramref name="key"/> below <paramref name="parent"/> (the root is the empty string).</summary>
    public static string Key(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    /// <summary>Item <paramref name="index"/> of the list at <paramref name="parent"/>, named when <paramref name="name"/> is not blank.</summary>
    public static string Item(string parent, string? name, int index) =>
        string.IsNullOrWhiteSpace(name) ? $"{parent}[{index}]" : $"{parent}[{name}]";

    /// <summary>The component called <paramref name="component"/>: <c>components[validator]</c>.</summary>
    public static string Component(string component) => Item(DesignKeys.Components, component, 0);

    /// <summary>A key of a component: <c>components[validator].replicas</c>.</summary>
    public static string Component(string component, string key) => Key(Component(component), key);

    /// <summary>The region called <paramref name="region"/>: <c>regions[eu-west-1]</c>.</summary>
    public static string Region(string region) => Item(DesignKeys.Regions, region, 0);

    /// <summary>A key of one HA policy section: <c>ha_policy.consensus.quorum</c>.</summary>
    public static string Policy(string section, string key) => $"{DesignKeys.Policy}.{section}.{key}";
}
