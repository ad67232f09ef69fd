using System.Globalization;
using MetaNode.Dashboard.Security;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Clusters.Watched;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MetaNode.Dashboard.Components.Pages;

/// <summary>
/// The watched apps and their nodes; Operators add and remove nodes here. The service authorizes
/// and audits every change, so a refusal it makes is shown as it says it. The list follows the
/// registry: a node another operator adds appears at once.
/// </summary>
public sealed partial class Watched : IDisposable
{
    private static readonly string[] Components = ["blockchain", "validator", "agreement", "ipfs"];
    private readonly CancellationTokenSource _stop = new();
    private WatchedNodeForm _form = new();
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private string? _problem;
    private bool _busy;

    [Inject]
    public required WatchedNodeService Service { get; init; }

    [Inject]
    public required WatchedNodeRegistry Registry { get; init; }

    [Inject]
    public required ActorAccessor Actors { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    private IReadOnlyList<IGrouping<string, WatchedNode>> Apps =>
        [.. Service.Nodes.GroupBy(n => n.App, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)];

    /// <inheritdoc />
    protected override void OnInitialized() => Registry.Changed += OnRegistryChanged;

    private async Task AddAsync()
    {
        _busy = true;
        _errors = new Dictionary<string, string>();
        _problem = null;
        try
        {
            var request = new WatchedNodeRequest(_form.App ?? string.Empty, _form.Name ?? string.Empty, _form.Component, _form.Url ?? string.Empty, _form.Zone, _form.Region);
            var node = await Service.AddAsync(await Actors.CurrentAsync(), request, _stop.Token);
            Snackbar.Add($"Watching {node.App}/{node.Name} at {node.Url}", Severity.Success);
            _form = new WatchedNodeForm { App = node.App, Component = node.Component };
        }
        catch (OperationValidationException ex)
        {
            _errors = ex.Errors;
            _problem = ex.Errors.TryGetValue(string.Empty, out var general) ? general : null;
        }
        catch (OperationDeniedException ex)
        {
            _problem = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RemoveAsync(WatchedNode node)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Stop watching {node.App}/{node.Name}?",
            $"The dashboard stops checking {node.Url} and the node leaves the health pages of {node.App}.",
            yesText: "Stop watching",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        _problem = null;
        try
        {
            await Service.RemoveAsync(await Actors.CurrentAsync(), node.App, node.Name, _stop.Token);
            Snackbar.Add($"Stopped watching {node.App}/{node.Name}", Severity.Success);
        }
        catch (OperationValidationException ex)
        {
            _problem = string.Join(" ", ex.Errors.Values);
        }
        catch (OperationDeniedException ex)
        {
            _problem = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private void OnRegistryChanged() => _ = InvokeAsync(StateHasChanged);

    private void DismissProblem() => _problem = null;

    private bool HasError(string field) => _errors.ContainsKey(field);

    // The service states rules ("must be …") and facts ("my-app already has …"); rules get the field's name.
    private string? ErrorOf(string field) =>
        !_errors.TryGetValue(field, out var rule) ? null
        : rule.StartsWith("must ", StringComparison.Ordinal) || rule.StartsWith("is ", StringComparison.Ordinal) ? $"{Label(field)} {rule}"
        : rule;

    private static string Label(string field) => field == "Url" ? "URL" : field;

    private static Dictionary<string, object> Field(string name) => new() { ["data-testid"] = $"field-{name}" };

    private static string NodeCount(int count) =>
        count == 1 ? "1 node" : string.Create(CultureInfo.InvariantCulture, $"{count} nodes");

    /// <summary>Stops following the registry.</summary>
    public void Dispose()
    {
        Registry.Changed -= OnRegistryChanged;
        _stop.Cancel();
        _stop.Dispose();
    }

    /// <summary>The add form, as typed.</summary>
    private sealed class WatchedNodeForm
    {
        public string? App { get; set; }

        public string? Name { get; set; }

        public string Component { get; set; } = "blockchain";

        public string? Url { get; set; }

        public string? Zone { get; set; }

        public string? Region { get; set; }
    }
}
