using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using MetaNode.Dashboard.Model;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health;
using MetaNode.Operations.Topology;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Pages;

/// <summary>
/// One node: its live health (from the feed), what its provider knows, charts of height, lag and
/// latency and its findings (from the store, refreshed every few seconds).
/// </summary>
public sealed partial class NodeDetail : IAsyncDisposable
{
    /// <summary>How often the charts and findings are read again from the store.</summary>
    public static readonly TimeSpan HistoryRefresh = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan FindingsWindow = TimeSpan.FromHours(24);
    private readonly CancellationTokenSource _stop = new();
    private HealthSnapshot _snapshot = HealthSnapshot.Empty;
    private AppTopology? _topology;
    private string? _shownNodeId;
    private NodeHealth? _node;
    private NodeInfo? _info;
    private IClusterProvider? _provider;
    private string? _providerProblem;
    private ChartRange _range = ChartRange.FifteenMinutes;
    private NodeSeries? _series;
    private IReadOnlyList<Finding> _storedFindings = [];
    private ImmutableArray<Finding> _findings = [];
    private string? _historyProblem;
    private int _generation;

    [Inject]
    public required IHealthFeed Feed { get; init; }

    [Inject]
    public required IHealthHistory History { get; init; }

    [Inject]
    public required AppCatalog Catalog { get; init; }

    [Inject]
    public required ClusterRegistry Registry { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>The node's app.</summary>
    [Parameter]
    public required string App { get; set; }

    /// <summary>The node's name (<c>validator-3</c>).</summary>
    [Parameter]
    public required string Name { get; set; }

    private string NodeId => $"{App}/{Name}";

    private DateTimeOffset Now => Time.GetUtcNow();

    private string FindingsEmptyText => _historyProblem is null
        ? $"No findings about {Name} in the last 24 hours"
        : $"No live findings about {Name}; stored findings are unavailable";

    private ImmutableArray<Fact> ProviderFacts
    {
        get
        {
            var facts = ImmutableArray.CreateBuilder<Fact>();
            if (_provider is not null)
            {
                facts.Add(new("Provider", _provider.Kind.ToString()));
                facts.Add(new("Operations", ProviderText.Capabilities(_provider.Capabilities)));
            }

            if (_info is null)
            {
                facts.Add(new("Node", "the provider does not list this node (removed, or not created yet)"));
                return facts.ToImmutable();
            }

            facts.Add(new("Run state", _info.State.ToString()));
            facts.Add(new("Started", _info.StartedAt?.ToString("u", CultureInfo.InvariantCulture) ?? NodeText.Unknown));
            facts.Add(new("RPC endpoint", _info.RpcEndpoint.ToString()));
            facts.AddRange(_info.Facts.Select(f => new Fact(f.Key, f.Value)));
            return facts.ToImmutable();
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
        _ = RefreshHistoryAsync(_stop.Token);
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        _topology = Catalog.Find(App);
        ReadNode();
        if (_shownNodeId == NodeId)
        {
            return;
        }

        // Another node in the same page instance: forget the old node's history and load the new one's.
        _shownNodeId = NodeId;
        _series = null;
        _storedFindings = [];
        _historyProblem = null;
        MergeFindings();
        if (RendererInfo.IsInteractive && _topology is not null)
        {
            _ = LoadHistoryAsync(_stop.Token);
        }
    }

    private void ReadNode()
    {
        _node = _snapshot.Nodes.GetValueOrDefault(NodeId);
        if (_topology is null)
        {
            return;
        }

        try
        {
            _provider = Registry.For(App);
            _info = _provider.Nodes(App).FirstOrDefault(n => n.Ref.Name == Name);
            _providerProblem = null;
        }
        catch (ClusterOperationException ex)
        {
            _provider = null;
            _info = null;
            _providerProblem = ex.Message;
        }
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
        _snapshot = batch.ApplyTo(_snapshot, Now, HealthState.KeepEndedFindings);
        if (first || batch.Touches(App, Name))
        {
            ReadNode();
            MergeFindings();
            StateHasChanged();
        }
    }

    // The store is where history lives; the feed pushes only the present. Reading it again every
    // few seconds is the one poll on this page.
    private async Task RefreshHistoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(HistoryRefresh, Time);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await LoadHistoryAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task SetRangeAsync(ChartRange range)
    {
        if (range != _range)
        {
            _range = range;
            await LoadHistoryAsync(_stop.Token);
        }
    }

    private async Task LoadHistoryAsync(CancellationToken cancellationToken)
    {
        if (_topology is null)
        {
            return;
        }

        var generation = ++_generation;
        var (nodeId, app, name, range, now) = (NodeId, App, Name, _range, Now);
        try
        {
            var samples = await History.NodeSeriesAsync(nodeId, now - range.Span(), now, cancellationToken);
            var findings = await History.FindingsAsync(app, now - FindingsWindow, now, name, cancellationToken);
            if (generation != _generation)
            {
                return; // a newer load (other node or period) started meanwhile
            }

            _series = NodeSeries.Of(samples);
            _storedFindings = findings;
            _historyProblem = null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            // The live half of the page still works; say what is missing and try again on the next tick.
            if (generation != _generation)
            {
                return;
            }

            _historyProblem = ex.Message;
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
            return;
        }

        MergeFindings();
        await InvokeAsync(StateHasChanged);
    }

    // Stored findings, with the live versions of those the feed knows (fresher: active ones end there first).
    private void MergeFindings()
    {
        var now = Now;
        var live = _snapshot.Findings
            .Where(f => f.App == App && f.Subject == Name && (f.EndedAt ?? now) >= now - FindingsWindow)
            .ToDictionary(f => f.Id);
        _findings = [.. live.Values.Concat(_storedFindings.Where(f => !live.ContainsKey(f.Id))).OrderByDescending(f => f.StartedAt)];
    }

    /// <summary>Stops following the feed and reading the store.</summary>
    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
