using System.Diagnostics;
using MetaNode.Dashboard.Security;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace MetaNode.Dashboard.Components.Account;

/// <summary>The signed-in user's own account: who they are, and a new password for local accounts.</summary>
public partial class Manage
{
    private readonly List<string> _errors = [];
    private bool _done;
    private DashboardUser? _user;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "change-password")]
    public ChangePasswordInput Input { get; set; } = default!;

    [Inject]
    public required UserManager<DashboardUser> Users { get; init; }

    [Inject]
    public required SignInManager<DashboardUser> SignInManager { get; init; }

    [Inject]
    public required OperationGate Gate { get; init; }

    private string UserName => HttpContext.User.Identity?.Name ?? "?";

    private string RoleText => DashboardClaims.RoleOf(HttpContext.User)?.ToString() ?? "no role";

    private bool IsExternal => _user?.ExternalProvider is not null;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        Input ??= new ChangePasswordInput();
        _user = await Users.GetUserAsync(HttpContext.User);
    }

    private async Task ChangeAsync()
    {
        if (_user is null || IsExternal)
        {
            return;
        }

        var actor = DashboardClaims.ActorOf(HttpContext.User, HttpContext.Connection.RemoteIpAddress?.ToString(), Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier);
        var request = new OperationRequest("user.change-password", actor.Name, DashboardRole.Viewer);
        var changed = await Users.ChangePasswordAsync(_user, Input.CurrentPassword, Input.NewPassword);
        if (!changed.Succeeded)
        {
            _errors.AddRange(changed.Errors.Select(e => e.Description));
            await Gate.RecordAsync(actor, request, AuditOutcome.Failed, string.Join(" ", _errors));
            return;
        }

        await SignInManager.RefreshSignInAsync(_user);
        await Gate.RecordAsync(actor, request, AuditOutcome.Succeeded, null);
        _done = true;
        Input = new ChangePasswordInput();
    }
}
