using MetaNode.Operations.Topology;
using MetaNode.Operations.Topology.Design;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Topology;

/// <summary>Edits the components of a design; every change comes back as a new design.</summary>
public sealed partial class ComponentTable
{
    private string? _newName;
    private ComponentRole _newRole = ComponentRole.Blockchain;

    /// <summary>The design whose components are shown.</summary>
    [Parameter, EditorRequired]
    public required TopologyDesign Design { get; set; }

    /// <summary>Validation messages by field path (<c>components[validator].replicas</c>).</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string> Errors { get; set; } = new Dictionary<string, string>();

    /// <summary>True for a role that may not change the design.</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>The design after a change.</summary>
    [Parameter]
    public EventCallback<TopologyDesign> DesignChanged { get; set; }

    private RenderFragment Number(ComponentDesign component, string path, int value, Func<ComponentDesign, int, ComponentDesign> change, string test) => builder =>
    {
        builder.OpenComponent<MudBlazor.MudNumericField<int>>(0);
        builder.AddComponentParameter(1, "Value", value);
        builder.AddComponentParameter(2, "ValueChanged", EventCallback.Factory.Create<int>(this, v => ChangeAsync(component, c => change(c, v))));
        builder.AddComponentParameter(3, "Variant", MudBlazor.Variant.Outlined);
        builder.AddComponentParameter(4, "Margin", MudBlazor.Margin.Dense);
        builder.AddComponentParameter(5, "ReadOnly", ReadOnly);
        builder.AddComponentParameter(6, "Error", HasError(path));
        builder.AddComponentParameter(7, "ErrorText", ErrorOf(path));
        builder.AddComponentParameter(8, "HideSpinButtons", true);
        builder.AddComponentParameter(9, "Class", "mn-cell-input mn-cell-number");
        builder.AddComponentParameter(10, "UserAttributes", Test(component, test));
        builder.CloseComponent();
    };

    private Task ChangeAsync(ComponentDesign component, Func<ComponentDesign, ComponentDesign> change) =>
        DesignChanged.InvokeAsync(Design with
        {
            Components = [.. Design.Components.Select(c => c.Name == component.Name ? change(c) : c)],
        });

    private Task RemoveAsync(ComponentDesign component) =>
        DesignChanged.InvokeAsync(Design with { Components = [.. Design.Components.Where(c => c.Name != component.Name)] });

    private async Task AddAsync()
    {
        var name = _newName?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        // A clashing or malformed name is added anyway and validation names the rule it breaks.
        _newName = null;
        await DesignChanged.InvokeAsync(Design with { Components = [.. Design.Components, ComponentDesign.Default(name, _newRole, 1)] });
    }

    private IReadOnlyList<ZoneRef> ToZones(IReadOnlyCollection<string> selected) =>
        [.. Design.Zones.Where(z => selected.Contains(z.ToString(), StringComparer.Ordinal))];

    private bool HasError(string path) => Errors.ContainsKey(path);

    private string? ErrorOf(string path) => Errors.GetValueOrDefault(path);

    /// <summary>Messages about the component as a whole (its name, its role's rules).</summary>
    private List<string> RowErrors(string path) =>
        [.. Errors.Where(e => e.Key == path || e.Key == path + ".name").Select(e => e.Value)];

    private static Dictionary<string, object> Test(ComponentDesign component, string field) =>
        new() { ["data-testid"] = $"component-{field}", ["data-component"] = component.Name };
}
