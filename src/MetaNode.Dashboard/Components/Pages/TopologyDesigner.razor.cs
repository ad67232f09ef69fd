using System.Globalization;
using MetaNode.Dashboard.Model;
using MetaNode.Dashboard.Security;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Health;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Design.Analysis;
using MetaNode.Operations.Topology.Design.Serialization;
using MetaNode.Operations.Topology.Design.Validation;
using MetaNode.Operations.Topology.Design.Versions;
using MetaNode.Operations.Topology.Planning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace MetaNode.Dashboard.Components.Pages;

/// <summary>
/// The topology designer: edit an app's design with validation and fault-tolerance analysis on
/// every change, see it drawn with live node health, save versions, plan against what runs and
/// apply. Reading is for every role; saving and applying for Operators (checked again by the services).
/// </summary>
public sealed partial class TopologyDesigner : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private AppChoice _choice = new(null, AppState.NoApps);
    private string? _loadedApp;
    private TopologyDesign? _saved;
    private DesignVersionInfo? _version;
    private TopologyDesign? _draft;
    private IReadOnlyList<TopologyIssue> _issues = [];
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private FaultToleranceReport? _analysis;
    private TopologyDiagramModel? _diagram;
    private TopologyPlan? _plan;
    private HealthSnapshot _snapshot = HealthSnapshot.Empty;
    private string? _problem;
    private bool _busy;
    private bool _unreadable;
    private bool _canOperate;
    private bool _exporting;
    private IReadOnlyList<TopologyIssue> _importIssues = [];

    [Inject]
    public required AppCatalog Catalog { get; init; }

    [Inject]
    public required IHealthFeed Feed { get; init; }

    [Inject]
    public required TopologyDesignStore Store { get; init; }

    [Inject]
    public required TopologyApplier Applier { get; init; }

    [Inject]
    public required ActorAccessor Actors { get; init; }

    [Inject]
    public required IAuthorizationService Authorization { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [CascadingParameter]
    public required Task<AuthenticationState> Authentication { get; set; }

    /// <summary>The app to design (<c>?app=</c>); the first app when absent.</summary>
    [SupplyParameterFromQuery(Name = HealthLinks.AppParameter)]
    public string? App { get; set; }

    private string PageTitle => _draft is null ? "Topology · MetaNode" : $"{_draft.Name} · Topology · MetaNode";

    private IReadOnlyList<string> AppNames => [.. Catalog.Apps.Select(a => a.Name)];

    private bool IsDirty => _draft is not null && _saved is not null && !_draft.Equals(_saved);

    private int ErrorCount => _issues.Count(i => i.IsError);

    private bool CanSave => _canOperate && !_busy && !_unreadable && IsDirty && ErrorCount == 0;

    private string VersionText => _version is { } v
        ? string.Create(CultureInfo.InvariantCulture, $"version {v.Version} · saved by {v.Author} {v.SavedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC")
        : "not saved yet · from appsettings.json";

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        var user = (await Authentication).User;
        _canOperate = (await Authorization.AuthorizeAsync(user, DashboardPolicies.Operator)).Succeeded;
        if (RendererInfo.IsInteractive)
        {
            var subscription = Feed.Subscribe();
            _snapshot = subscription.Snapshot;
            _ = FollowAsync(subscription, _stop.Token);
        }
        else
        {
            _snapshot = Feed.Current;
        }
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _choice = AppChoice.Resolve(Catalog, App);
        if (_choice.Topology is not { } app || app.Name == _loadedApp)
        {
            return;
        }

        _loadedApp = app.Name;
        await LoadAsync(app.Name);
    }

    private async Task LoadAsync(string app)
    {
        var current = await Store.CurrentOrDefaultAsync(app, _stop.Token);
        (_saved, _version) = (current.Design, current.Version);
        _draft = _saved;
        _plan = null;
        Recompute();
    }

    private void Change(TopologyDesign design)
    {
        _draft = design;
        _plan = null;
        Recompute();
    }

    private void ChangeRegions(IReadOnlyList<RegionSpec> regions) => Change(_draft! with { Regions = regions });

    private void ChangePolicy(HaPolicy policy) => Change(_draft! with { Policy = policy });

    private void Revert() => Change(_saved!);

    /// <summary>Validation, analysis and the drawing follow every change at once (all pure, microseconds).</summary>
    private void Recompute()
    {
        if (_draft is null)
        {
            return;
        }

        _issues = TopologyValidator.Validate(_draft);
        _errors = _issues.Where(i => i.IsError).GroupBy(i => i.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal);
        _analysis = FaultToleranceAnalyzer.Analyze(_draft);
        RedrawDiagram();
    }

    private void RedrawDiagram()
    {
        if (_draft is not null)
        {
            var health = _snapshot.NodesOf(_draft.Name).ToDictionary(n => n.Node.Name, StringComparer.Ordinal);
            _diagram = TopologyDiagramModel.Of(_draft, health);
        }
    }

    private async Task SaveAsync()
    {
        await RunAsync(async actor =>
        {
            var saved = await Store.SaveAsync(actor, _draft!, null, _stop.Token);
            (_saved, _version) = (saved.Design, saved.Version);
            _draft = _saved;
            Snackbar.Add($"Saved {saved.Design.Name} as version {saved.Version!.Version}.", MudBlazor.Severity.Success);
        });
        Recompute();
    }

    /// <summary>
    /// Reads a YAML or JSON design into the editor (unsaved). A file that cannot be read, breaks a
    /// rule or is another app's design leaves the editor as it was and says why, by line.
    /// </summary>
    private async Task ImportAsync(InputFileChangeEventArgs change)
    {
        var file = change.File;
        if (_draft is null)
        {
            return;
        }

        _importIssues = [];
        if (file.Size > TopologySerializer.MaxDocumentBytes)
        {
            _importIssues = [new TopologyIssue(IssueSeverity.Error, file.Name, "document-too-large", string.Create(CultureInfo.InvariantCulture, $"{file.Name} is {file.Size / 1024} KB; a design may be at most {TopologySerializer.MaxDocumentBytes / 1024} KB"))];
            return;
        }

        await using var stream = file.OpenReadStream(TopologySerializer.MaxDocumentBytes, _stop.Token);
        var format = file.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? TopologyFormat.Json : TopologyFormat.Yaml;
        var imported = await TopologySerializer.ImportAsync(stream, format, _stop.Token);
        if (imported.Design is { } design && design.Name != _draft.Name)
        {
            _importIssues = [new TopologyIssue(IssueSeverity.Error, DesignKeys.Name, "other-app", $"{file.Name} is the design of '{design.Name}', not of {_draft.Name}")];
        }
        else if (!imported.Succeeded)
        {
            _importIssues = [.. imported.Issues.Where(i => i.IsError)];
        }
        else
        {
            Change(imported.Design!);
            Snackbar.Add($"Imported {file.Name}. Check it, then save.", MudBlazor.Severity.Info);
        }
    }

    private void Plan()
    {
        try
        {
            _plan = Applier.Plan(_draft!);
        }
        catch (ClusterOperationException ex)
        {
            _problem = ex.Message;
        }
    }

    private async Task ApplyAsync()
    {
        await RunAsync(async actor =>
        {
            // What is applied is a saved version, so the audit log and the version history agree.
            if (IsDirty)
            {
                var saved = await Store.SaveAsync(actor, _draft!, "saved to apply", _stop.Token);
                (_saved, _version) = (saved.Design, saved.Version);
                _draft = _saved;
            }

            var applied = await Applier.ApplyAsync(actor, _draft!, _stop.Token);
            await Store.MarkAppliedAsync(_draft!.Name, _version!.Version, actor.Name, _stop.Token);
            Snackbar.Add($"Applied to {_draft.Name}: {applied.Steps.Count} step(s). New nodes appear below as they start.", MudBlazor.Severity.Success);
            _plan = Applier.Plan(_draft);
        });
        Recompute();
    }

    private async Task RunAsync(Func<Operations.Security.Actor, Task> action)
    {
        _busy = true;
        _problem = null;
        try
        {
            await action(await Actors.CurrentAsync());
        }
        catch (OperationValidationException ex)
        {
            _problem = string.Join(" ", ex.Errors.Values);
        }
        catch (OperationDeniedException ex)
        {
            _problem = ex.Message;
        }
        catch (ClusterOperationException ex)
        {
            _problem = ex.Message;
        }
        finally
        {
            _busy = false;
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
        _snapshot = batch.ApplyTo(_snapshot, DateTimeOffset.UtcNow, HealthState.KeepEndedFindings);
        if (_draft is not null && batch.Touches(_draft.Name))
        {
            RedrawDiagram();
            StateHasChanged();
        }
    }

    /// <summary>Stops following the feed.</summary>
    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
