using System.Globalization;
using MetaNode.Dashboard.Security;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Security;
using MetaNode.Operations.Security.ApiKeys;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MetaNode.Dashboard.Components.Pages.Admin;

/// <summary>
/// API keys for Admins: the list (scope, expiry, last use, state), creating a key (shown once,
/// with a copy button), and revoking one after a confirmation. <see cref="ApiKeyService"/>
/// authorizes and audits each change; its field errors are shown beside the fields.
/// </summary>
public sealed partial class ApiKeys : IDisposable
{
    private static readonly DialogOptions DialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
    private static readonly string[] DialogFields = ["Name", "Role", "Apps", "ExpiresInDays"];
    private static readonly (int Days, string Label)[] ExpiryChoices =
        [(1, "1 day"), (7, "7 days"), (30, "30 days"), (90, "90 days"), (180, "180 days"), (365, "1 year")];

    private readonly CancellationTokenSource _stop = new();
    private IReadOnlyList<ApiKeyInfo>? _keys;
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private CreatedApiKey? _created;
    private string? _problem;
    private bool _busy;
    private bool _createOpen;
    private KeyForm _form = new();

    [Inject]
    public required ApiKeyService Keys { get; init; }

    [Inject]
    public required AppCatalog Catalog { get; init; }

    [Inject]
    public required ActorAccessor Actors { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    private IEnumerable<string> AppNames => Catalog.Apps.Select(a => a.Name);

    private string Counts
    {
        get
        {
            var active = _keys!.Count(k => k.State == ApiKeyState.Active);
            return string.Create(CultureInfo.InvariantCulture, $"{_keys!.Count} key{(_keys.Count == 1 ? string.Empty : "s")} · {active} active");
        }
    }

    private string ExpiryText => "Expires on " + (Now + TimeSpan.FromDays(_form.ExpiresInDays)).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A field error that belongs to no field of the dialog.</summary>
    private string? OtherError => _errors.Where(e => !DialogFields.Contains(e.Key)).Select(e => e.Value).FirstOrDefault();

    /// <inheritdoc />
    protected override Task OnInitializedAsync() => LoadAsync();

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task LoadAsync() => _keys = await Keys.ListAsync(_stop.Token);

    private void OpenCreate()
    {
        _form = new KeyForm();
        _errors = new Dictionary<string, string>();
        _createOpen = true;
    }

    private void CloseCreate() => _createOpen = false;

    private async Task CreateAsync()
    {
        _busy = true;
        _errors = new Dictionary<string, string>();
        _problem = null;
        try
        {
            var request = new ApiKeyRequest(_form.Name, _form.Role.ToString(), [.. _form.Apps], _form.ExpiresInDays);
            _created = await Keys.CreateAsync(await Actors.CurrentAsync(), request, _stop.Token);
            _createOpen = false;
            await LoadAsync();
        }
        catch (OperationValidationException ex)
        {
            _errors = ex.Errors;
        }
        catch (OperationDeniedException ex)
        {
            _createOpen = false;
            _problem = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RevokeAsync(ApiKeyInfo key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Revoke {key.Name}?",
            $"Requests with {key.Name} are refused from now on. This cannot be undone: the key stays listed as revoked, and its users need a new key.",
            yesText: "Revoke",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        _problem = null;
        try
        {
            await Keys.RevokeAsync(await Actors.CurrentAsync(), key.Id, _stop.Token);
            Snackbar.Add($"Revoked {key.Name}", Severity.Success);
        }
        catch (Exception ex) when (ex is OperationDeniedException or ApiKeyNotFoundException or ApiKeyConflictException)
        {
            _problem = ex.Message;
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
    }

    private void DismissSecret() => _created = null;

    private void DismissProblem() => _problem = null;

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field) is { } rule ? $"{Label(field)} {rule}" : null;

    private static string Label(string field) => field switch
    {
        "ExpiresInDays" => "The lifetime",
        _ => field,
    };

    private static Dictionary<string, object?> Field(string id) => new() { ["data-testid"] = id };

    private static string RoleText(DashboardRole role) => role switch
    {
        DashboardRole.Viewer => "Viewer — reads apps, nodes, findings and the audit log",
        DashboardRole.Operator => "Operator — also adds and removes watched nodes, and later scales, maintains and runs chaos",
        _ => "Admin — also manages API keys and everything else",
    };

    /// <summary>What the create dialog edits.</summary>
    private sealed class KeyForm
    {
        public string? Name { get; set; }

        public DashboardRole Role { get; set; } = DashboardRole.Viewer;

        public IReadOnlyCollection<string> Apps { get; set; } = [];

        public int ExpiresInDays { get; set; } = ApiKeyService.DefaultLifetimeDays;
    }
}
