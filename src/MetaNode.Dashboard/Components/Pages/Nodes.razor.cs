using MetaNode.Dashboard.Model;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Pages;

/// <summary>
/// Every node of one app in a live grid that filters, searches and sorts. Batches from the feed
/// are applied to the grid's view model, which replaces changed rows in place.
/// </summary>
public sealed partial class Nodes : IAsyncDisposable
{
    private const int SearchDebounceMs = 250;
    private static readonly NodeStatus[] Statuses = [NodeStatus.Up, NodeStatus.Degraded, NodeStatus.Down, NodeStatus.Unknown];
    private static readonly Dictionary<string, object> SearchAttributes = new() { ["data-testid"] = "node-search", ["aria-label"] = "Search nodes by name" };
    private readonly CancellationTokenSource _stop = new();
    private HealthSnapshot _snapshot = HealthSnapshot.Empty;
    private AppChoice _choice = new(null, AppState.NoApps);
    private NodeGridView? _view;

    [Inject]
    public required IHealthFeed Feed { get; init; }

    [Inject]
    public required AppCatalog Catalog { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>The app to show (<c>?app=</c>); the first app when absent.</summary>
    [SupplyParameterFromQuery(Name = HealthLinks.AppParameter)]
    public string? App { get; set; }

    private IReadOnlyList<string> AppNames => [.. Catalog.Apps.Select(a => a.Name)];

    private string PageTitle => _choice.Topology is { } app ? $"{app.Name} · Nodes · MetaNode" : "Nodes · MetaNode";

    // Uptimes are shown to the minute; rows redraw for them once a minute.
    private DateTimeOffset Minute
    {
        get
        {
            var now = Time.GetUtcNow();
            return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), now.Offset);
        }
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        if (!RendererInfo.IsInteractive)
        {
            _snapshot = Feed.Current;
            return;
        }

        var subscription = Feed.Subscribe();
        _snapshot = subscription.Snapshot;
        _ = FollowAsync(subscription, _stop.Token);
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        var choice = AppChoice.Resolve(Catalog, App);
        if (choice.Topology?.Name != _choice.Topology?.Name || _view is null)
        {
            // Another app: its components differ, so filters start over; the sort stays.
            var query = _view is null ? NodeQuery.Default : NodeQuery.Default with { SortBy = _view.Query.SortBy, Descending = _view.Query.Descending };
            _view = choice.Topology is { } app ? NodeGridView.Of(_snapshot, app.Name, query) : null;
        }

        _choice = choice;
    }

    private async Task FollowAsync(HealthSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await HealthStream.FollowAsync(subscription, batch => InvokeAsync(() => Apply(batch)), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private void Apply(HealthBatch batch)
    {
        var first = _snapshot.Version == 0;
        _snapshot = batch.ApplyTo(_snapshot, Time.GetUtcNow(), HealthState.KeepEndedFindings);
        if (_view is null)
        {
            return;
        }

        var view = _view.Apply(batch);
        if (!ReferenceEquals(view, _view) || first)
        {
            _view = view;
            StateHasChanged();
        }
    }

    private void Sort(NodeColumn column) => Query(_view!.Query.SortedBy(column));

    private void FilterStatus(NodeStatus? status) => Query(_view!.Query with { Status = status });

    private void FilterComponent(string? component) => Query(_view!.Query with { Component = component });

    private void Search(string? text) => Query(_view!.Query with { Search = text?.Trim() ?? string.Empty });

    private void ClearFilters() => Query(_view!.Query with { Status = null, Component = null, Search = string.Empty });

    private void Query(NodeQuery query) => _view = _view!.With(query);

    private static string Pressed(bool pressed) => pressed ? "true" : "false";

    /// <summary>Stops following the feed.</summary>
    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
