using System.Globalization;
using MetaNode.Dashboard.Model;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Pages;

/// <summary>
/// One app at a glance: head and block rate, a card per component, active findings and the last
/// day's findings. Live: the feed's snapshot, then its change batches.
/// </summary>
public sealed partial class Overview : IAsyncDisposable
{
    private static readonly TimeSpan ClockTick = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stop = new();
    private HealthSnapshot _snapshot = HealthSnapshot.Empty;
    private AppChoice _choice = new(null, AppState.NoApps);
    private OverviewView? _view;

    [Inject]
    public required IHealthFeed Feed { get; init; }

    [Inject]
    public required AppCatalog Catalog { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>The app to show (<c>?app=</c>); the first app when absent.</summary>
    [SupplyParameterFromQuery(Name = HealthLinks.AppParameter)]
    public string? App { get; set; }

    private AppState State => _choice.State;

    private DateTimeOffset Now => Time.GetUtcNow();

    private IReadOnlyList<string> AppNames => [.. Catalog.Apps.Select(a => a.Name)];

    private string PageTitle => _choice.Topology is { } app ? $"{app.Name} · Overview · MetaNode" : "Overview · MetaNode";

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        if (!RendererInfo.IsInteractive)
        {
            // Prerendering: one static picture; the live page follows once the circuit is up.
            _snapshot = Feed.Current;
            return;
        }

        var subscription = Feed.Subscribe();
        _snapshot = subscription.Snapshot;
        _ = FollowAsync(subscription, _stop.Token);
        _ = TickAsync(_stop.Token);
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        _choice = AppChoice.Resolve(Catalog, App);
        Refresh();
    }

    private void Refresh() =>
        _view = _choice.Topology is { } app ? OverviewView.Of(_snapshot, app.Name, Now) : null;

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
        _snapshot = batch.ApplyTo(_snapshot, Now, HealthState.KeepEndedFindings);
        if (_choice.Topology is { } app && batch.Touches(app.Name))
        {
            Refresh();
            StateHasChanged();
        }
    }

    // Ages ("3m 12s") and "moved 2s ago" must move on a wall display even when no batch arrives.
    // This redraws the clock only; state still comes from the feed.
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(ClockTick, Time);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (_view?.Health is not null)
                {
                    await InvokeAsync(StateHasChanged);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static string BlockRate(AppHealth health) =>
        health.BlocksPerMinute is { } rate ? rate.ToString("0.#", CultureInfo.InvariantCulture) : "–";

    private string? NodeLink(Finding finding) =>
        _snapshot.Nodes.ContainsKey($"{finding.App}/{finding.Subject}") ? HealthLinks.Node(finding.App, finding.Subject) : null;

    /// <summary>Stops following the feed and the clock.</summary>
    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
