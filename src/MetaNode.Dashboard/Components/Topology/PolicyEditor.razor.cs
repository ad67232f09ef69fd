using MetaNode.Dashboard.Model;
using MetaNode.Operations.Topology.Design;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Topology;

/// <summary>Edits an <see cref="HaPolicy"/>; reports each accepted change and each unreadable entry.</summary>
public sealed partial class PolicyEditor
{
    private readonly Dictionary<string, (string Text, string Error)> _unreadable = new(StringComparer.Ordinal);

    /// <summary>The policy shown.</summary>
    [Parameter, EditorRequired]
    public required HaPolicy Policy { get; set; }

    /// <summary>Validation messages by field path (<c>policy.consensus.quorum</c>).</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string> Errors { get; set; } = new Dictionary<string, string>();

    /// <summary>True for a role that may not change the design.</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>The policy after an accepted change.</summary>
    [Parameter]
    public EventCallback<HaPolicy> PolicyChanged { get; set; }

    /// <summary>True while some entry could not be read (the page should not save).</summary>
    [Parameter]
    public EventCallback<bool> UnreadableChanged { get; set; }

    private async Task ChangeAsync(PolicyField field, string? text)
    {
        try
        {
            var changed = field.Write(Policy, text ?? string.Empty);
            _unreadable.Remove(field.Path);
            await UnreadableChanged.InvokeAsync(_unreadable.Count > 0);
            await PolicyChanged.InvokeAsync(changed);
        }
        catch (FormatException ex)
        {
            _unreadable[field.Path] = (text ?? string.Empty, ex.Message);
            await UnreadableChanged.InvokeAsync(true);
        }
    }

    private string Shown(PolicyField field) => _unreadable.TryGetValue(field.Path, out var entry) ? entry.Text : field.Read(Policy);

    private string? ErrorOf(string path) =>
        _unreadable.TryGetValue(path, out var entry) ? entry.Error : Errors.GetValueOrDefault(path);

    private int? ErrorCount(string group)
    {
        var count = PolicyFields.All.Count(f => f.Group == group && ErrorOf(f.Path) is not null);
        return count > 0 ? count : null;
    }

    private static string Slug(string group) => group.ToLowerInvariant().Replace(' ', '-');

    private static Dictionary<string, object> Test(PolicyField field) => new() { ["data-testid"] = "policy-" + field.Path };
}
