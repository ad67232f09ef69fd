using System.Globalization;
using System.Text.Json;
using MetaNode.Dashboard.Security;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MetaNode.Dashboard.Components.Pages;

/// <summary>
/// The audit log, newest first, filtered by time, actor, action or area, app, outcome and free
/// text. The "Export CSV" link downloads every matching entry from <see cref="AuditExportEndpoint"/>.
/// Filters can be given in the address (<c>/audit?actor=alice&amp;outcome=Denied</c>).
/// </summary>
public sealed partial class Audit : IDisposable
{
    /// <summary>How many entries the table shows at first, and how many more each "Show more" adds.</summary>
    internal const int PageSize = 200;

    private const int DebounceMs = 300;
    private const string AnyApp = "";
    private static readonly AuditRange[] Ranges = Enum.GetValues<AuditRange>();
    private static readonly AuditOutcome[] Outcomes = Enum.GetValues<AuditOutcome>();
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private CancellationTokenSource _loading = new();
    private AuditRange _range = AuditRange.Last7Days;
    private DateTime? _fromDay;
    private DateTime? _toDay;
    private string? _actor;
    private string? _action;
    private string _app = AnyApp;
    private AuditOutcome? _outcome;
    private string? _text;
    private int _limit = PageSize;
    private IReadOnlyList<AuditEntry>? _entries;
    private bool _more;
    private AuditQuery _query = new();

    /// <summary>The time ranges the filter offers.</summary>
    internal enum AuditRange
    {
        LastHour,
        Last24Hours,
        Last7Days,
        Last30Days,
        AllTime,
        Custom,
    }

    [Inject]
    public required IAuditLog Log { get; init; }

    [Inject]
    public required AppCatalog Catalog { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>Initial actor filter (<c>?actor=</c>).</summary>
    [SupplyParameterFromQuery(Name = AuditExportEndpoint.ActorParameter)]
    public string? ActorFilter { get; set; }

    /// <summary>Initial action or area filter (<c>?action=</c>).</summary>
    [SupplyParameterFromQuery(Name = AuditExportEndpoint.ActionParameter)]
    public string? ActionFilter { get; set; }

    /// <summary>Initial app filter (<c>?app=</c>).</summary>
    [SupplyParameterFromQuery(Name = AuditExportEndpoint.AppParameter)]
    public string? AppFilter { get; set; }

    /// <summary>Initial outcome filter (<c>?outcome=Denied</c>).</summary>
    [SupplyParameterFromQuery(Name = AuditExportEndpoint.OutcomeParameter)]
    public string? OutcomeFilter { get; set; }

    /// <summary>Initial free-text filter (<c>?text=</c>).</summary>
    [SupplyParameterFromQuery(Name = AuditExportEndpoint.TextParameter)]
    public string? TextFilter { get; set; }

    private IEnumerable<string> AppNames =>
        Catalog.Apps.Select(a => a.Name).Append(_app).Where(a => a != AnyApp).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private string ExportLink => AuditExportEndpoint.Link(_query);

    private string ExportFileName => AuditExportEndpoint.FileName(Time.GetUtcNow());

    private string Summary =>
        _more
            ? $"The newest {Count(_entries!.Count)} matching entries. Show more below, or export CSV for all of them."
            : _entries!.Count == 1 ? "1 matching entry." : $"{Count(_entries.Count)} matching entries.";

    /// <inheritdoc />
    protected override Task OnInitializedAsync()
    {
        _actor = ActorFilter;
        _action = ActionFilter;
        _app = AppFilter ?? AnyApp;
        _text = TextFilter;
        _outcome = Enum.TryParse<AuditOutcome>(OutcomeFilter, ignoreCase: true, out var outcome) && Enum.IsDefined(outcome) ? outcome : null;
        if (_actor is not null || _action is not null || AppFilter is not null || _outcome is not null || _text is not null)
        {
            _range = AuditRange.AllTime; // a link to someone's history means all of it
        }

        return LoadAsync();
    }

    private Task SetRangeAsync(AuditRange range)
    {
        _range = range;
        if (range == AuditRange.Custom)
        {
            var today = Time.GetUtcNow().UtcDateTime.Date;
            _fromDay ??= today.AddDays(-7);
            _toDay ??= today;
        }

        return ReloadAsync();
    }

    private Task SetFromAsync(DateTime? day) => Set(() => _fromDay = day);

    private Task SetToAsync(DateTime? day) => Set(() => _toDay = day);

    private Task SetActorAsync(string? actor) => Set(() => _actor = actor);

    private Task SetActionAsync(string? action) => Set(() => _action = action);

    private Task SetAppAsync(string? app) => Set(() => _app = app ?? AnyApp);

    private Task SetOutcomeAsync(AuditOutcome? outcome) => Set(() => _outcome = outcome);

    private Task SetTextAsync(string? text) => Set(() => _text = text);

    private Task RefreshAsync() => LoadAsync();

    private Task ShowMoreAsync()
    {
        _limit = Math.Min(_limit + PageSize, 10_000 - 1);
        return LoadAsync();
    }

    private Task Set(Action change)
    {
        change();
        return ReloadAsync();
    }

    /// <summary>Filters changed: start again from the newest page.</summary>
    private Task ReloadAsync()
    {
        _limit = PageSize;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        var previous = _loading;
        _loading = new CancellationTokenSource();
        await previous.CancelAsync();
        previous.Dispose();
        var cancellation = _loading.Token;
        _query = Query(Time.GetUtcNow());
        try
        {
            var entries = await Log.QueryAsync(_query with { Limit = _limit + 1 }, cancellation);
            _more = entries.Count > _limit;
            _entries = _more ? [.. entries.Take(_limit)] : entries;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // A newer filter replaced this query.
        }
    }

    /// <summary>The filters as the log and the export read them, with the time range resolved at <paramref name="now"/>.</summary>
    private AuditQuery Query(DateTimeOffset now)
    {
        var (from, to) = _range switch
        {
            AuditRange.LastHour => (now.AddHours(-1), (DateTimeOffset?)null),
            AuditRange.Last24Hours => (now.AddDays(-1), null),
            AuditRange.Last7Days => (now.AddDays(-7), null),
            AuditRange.Last30Days => (now.AddDays(-30), null),
            AuditRange.Custom => (Day(_fromDay), Day(_toDay)?.AddDays(1).AddTicks(-TimeSpan.TicksPerMillisecond)),
            _ => ((DateTimeOffset?)null, (DateTimeOffset?)null),
        };
        return new AuditQuery
        {
            From = from,
            To = to,
            Actor = Blank(_actor),
            Action = Blank(_action),
            App = Blank(_app),
            Outcome = _outcome,
            Text = Blank(_text),
        };
    }

    private static DateTimeOffset? Day(DateTime? day) =>
        day is { } d ? new DateTimeOffset(d.Year, d.Month, d.Day, 0, 0, 0, TimeSpan.Zero) : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string RangeText(AuditRange range) => range switch
    {
        AuditRange.LastHour => "Last hour",
        AuditRange.Last24Hours => "Last 24 hours",
        AuditRange.Last7Days => "Last 7 days",
        AuditRange.Last30Days => "Last 30 days",
        AuditRange.AllTime => "All time",
        _ => "Custom days",
    };

    private static string KindText(ActorKind kind) => kind switch
    {
        ActorKind.User => "user",
        ActorKind.ApiKey => "API key",
        ActorKind.Schedule => "schedule",
        _ => "system",
    };

    private static (string Icon, string Tone) LookOf(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Succeeded => (Icons.Material.Filled.CheckCircle, "mn-tone-good"),
        AuditOutcome.Denied => (Icons.Material.Filled.Block, "mn-tone-warning"),
        _ => (Icons.Material.Filled.Error, "mn-tone-bad"),
    };

    private static string TimeText(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Parameters as indented JSON; as stored when they are not JSON (clipped entries).</summary>
    private static string Pretty(string parameters)
    {
        try
        {
            using var document = JsonDocument.Parse(parameters);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return parameters;
        }
    }

    private static Dictionary<string, object> Field(string name) => new() { ["data-testid"] = $"filter-{name}" };

    /// <summary>Cancels a query still running.</summary>
    public void Dispose()
    {
        _loading.Cancel();
        _loading.Dispose();
    }
}
