using System.Globalization;
using MetaNode.Dashboard.Components.Shared;
using MetaNode.Dashboard.Security;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace MetaNode.Dashboard.Components.Pages.Admin;

/// <summary>
/// The dashboard's accounts for Admins: create local users, change roles, lock and unlock, reset
/// passwords and delete. <see cref="UserAdministration"/> authorizes and audits each change; its
/// refusals (the last Admin, one's own account) and its field errors are shown as it words them.
/// </summary>
public sealed partial class Users : IDisposable
{
    private static readonly DialogOptions DialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
    private static readonly string[] DialogFields = ["UserName", "Role", "Password", "Confirm"];
    private readonly CancellationTokenSource _stop = new();
    private IReadOnlyList<UserSummary>? _users;
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private string? _problem;
    private string? _me;
    private bool _busy;
    private bool _createOpen;
    private bool _roleOpen;
    private bool _resetOpen;
    private UserSummary? _selected;
    private DashboardRole _newRole;
    private NewUserForm _create = new();
    private PasswordForm _reset = new();

    [Inject]
    public required UserAdministration Administration { get; init; }

    [Inject]
    public required ActorAccessor Actors { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required IOptions<DashboardOptions> Options { get; init; }

    private string RevalidationText
    {
        get
        {
            var interval = Options.Value.Security.RevalidationInterval;
            return interval.TotalMinutes is var minutes && minutes == Math.Floor(minutes) && minutes >= 1
                ? Plural((int)minutes, "minute")
                : Formatting.Duration(interval);
        }
    }

    private string PasswordRule => string.Create(
        CultureInfo.InvariantCulture,
        $"At least {Options.Value.Security.Passwords.MinimumLength} characters; a passphrase of several words is good.");

    private string Counts
    {
        get
        {
            var admins = _users!.Count(u => u.Role == DashboardRole.Admin);
            var locked = _users!.Count(u => u.IsLockedOut);
            var text = $"{Plural(_users!.Count, "user")} · {Plural(admins, "Admin")}";
            return locked == 0 ? text : $"{text} · {locked} locked";
        }
    }

    /// <summary>A field error of the open dialog that belongs to no field shown there.</summary>
    private string? OtherError => _errors.Where(e => !DialogFields.Contains(e.Key)).Select(e => e.Value).FirstOrDefault();

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _me = (await Actors.CurrentAsync()).Id;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _users = await Administration.ListAsync(await Actors.CurrentAsync(), _stop.Token);
        }
        catch (OperationDeniedException ex)
        {
            _users = [];
            _problem = ex.Message;
        }
    }

    private void OpenCreate()
    {
        _create = new NewUserForm();
        Open(ref _createOpen, null);
    }

    private void OpenRole(UserSummary user)
    {
        _newRole = user.Role ?? DashboardRole.Viewer;
        Open(ref _roleOpen, user);
    }

    private void OpenReset(UserSummary user)
    {
        _reset = new PasswordForm();
        Open(ref _resetOpen, user);
    }

    private void Open(ref bool dialog, UserSummary? user)
    {
        _errors = new Dictionary<string, string>();
        _selected = user;
        dialog = true;
    }

    private void CloseDialogs() => _createOpen = _roleOpen = _resetOpen = false;

    private async Task CreateAsync()
    {
        if (MismatchedPasswords(_create.Password, _create.Confirm))
        {
            return;
        }

        var name = _create.UserName?.Trim() ?? string.Empty;
        await ChangeAsync(
            (actor, ct) => Administration.CreateAsync(actor, new NewUser(name, _create.Role, _create.Password ?? string.Empty), ct),
            $"Created {name} ({_create.Role}). Give them the initial password by a channel you trust.",
            inDialog: true);
    }

    private Task ChangeRoleAsync()
    {
        var user = _selected!;
        var role = _newRole;
        return ChangeAsync((actor, ct) => Administration.ChangeRoleAsync(actor, user.Id, role, ct), $"{user.UserName} is {role} now", inDialog: true);
    }

    private Task ResetPasswordAsync()
    {
        var user = _selected!;
        var password = _reset.Password ?? string.Empty;
        return MismatchedPasswords(password, _reset.Confirm)
            ? Task.CompletedTask
            : ChangeAsync((actor, ct) => Administration.ResetPasswordAsync(actor, user.Id, password, ct), $"Set a new password for {user.UserName}", inDialog: true);
    }

    private async Task LockAsync(UserSummary user)
    {
        if (await ConfirmAsync($"Lock {user.UserName}?", $"{user.UserName} cannot sign in until an Admin unlocks the account, and their open pages close within {RevalidationText}.", "Lock"))
        {
            await ChangeAsync((actor, ct) => Administration.LockAsync(actor, user.Id, ct), $"Locked {user.UserName}", inDialog: false);
        }
    }

    private Task UnlockAsync(UserSummary user) =>
        ChangeAsync((actor, ct) => Administration.UnlockAsync(actor, user.Id, ct), $"Unlocked {user.UserName}", inDialog: false);

    private async Task DeleteAsync(UserSummary user)
    {
        if (await ConfirmAsync($"Delete {user.UserName}?", $"The account goes for good; what {user.UserName} did stays in the audit log.", "Delete"))
        {
            await ChangeAsync((actor, ct) => Administration.DeleteAsync(actor, user.Id, ct), $"Deleted {user.UserName}", inDialog: false);
        }
    }

    private async Task<bool> ConfirmAsync(string title, string message, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: "Cancel") == true;

    /// <summary>Runs one change; on success a snackbar and a fresh list, else the errors where they belong.</summary>
    private async Task ChangeAsync(Func<Actor, CancellationToken, Task> change, string success, bool inDialog)
    {
        _busy = true;
        _problem = null;
        _errors = new Dictionary<string, string>();
        try
        {
            await change(await Actors.CurrentAsync(), _stop.Token);
            CloseDialogs();
            Snackbar.Add(success, Severity.Success);
            await LoadAsync();
        }
        catch (OperationValidationException ex) when (inDialog)
        {
            _errors = ex.Errors;
        }
        catch (OperationValidationException ex)
        {
            _problem = string.Join(" ", ex.Errors.Values);
        }
        catch (OperationDeniedException ex)
        {
            CloseDialogs();
            _problem = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private bool MismatchedPasswords(string? password, string? confirm)
    {
        if (string.Equals(password, confirm, StringComparison.Ordinal))
        {
            return false;
        }

        _errors = new Dictionary<string, string> { ["Confirm"] = "The two passwords differ." };
        return true;
    }

    private bool IsSelf(UserSummary user) => user.Id == _me;

    private void DismissProblem() => _problem = null;

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private static string HistoryLink(UserSummary user) => "audit?actor=" + Uri.EscapeDataString(user.UserName);

    private static string SourceText(UserSummary user) =>
        user.Source == UserSource.Local ? "Local password" : $"Single sign-on ({user.Provider})";

    private static string LockText(UserSummary user) =>
        user.IsLockedByAdmin
            ? "by an Admin"
            : string.Create(CultureInfo.InvariantCulture, $"after failed sign-ins, until {user.LockedUntil!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC");

    private static string RoleText(DashboardRole role) => role switch
    {
        DashboardRole.Viewer => "Viewer: reads everything",
        DashboardRole.Operator => "Operator: also scales, maintains, runs chaos",
        _ => "Admin: also overrides guardrails, manages users and keys",
    };

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");

    private static Dictionary<string, object> Field(string name, string? autocomplete = null)
    {
        var attributes = new Dictionary<string, object> { ["data-testid"] = $"field-{name}" };
        if (autocomplete is not null)
        {
            attributes["autocomplete"] = autocomplete;
        }

        return attributes;
    }

    /// <summary>Stops work still running for this page.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private sealed class NewUserForm
    {
        public string? UserName { get; set; }

        public DashboardRole Role { get; set; } = DashboardRole.Viewer;

        public string? Password { get; set; }

        public string? Confirm { get; set; }
    }

    private sealed class PasswordForm
    {
        public string? Password { get; set; }

        public string? Confirm { get; set; }
    }
}
