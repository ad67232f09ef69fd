using System.Diagnostics;
using System.Globalization;
using MetaNode.Dashboard.Security;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MetaNode.Dashboard.Components.Account;

/// <summary>First-run setup: with the one-time link the console printed, create the first Admin.</summary>
public partial class Setup
{
    private readonly List<string> _errors = [];
    private string? _refusal;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    /// <summary>The token from the printed link (kept in the form on post).</summary>
    [SupplyParameterFromQuery(Name = "token")]
    public string? QueryToken { get; set; }

    [SupplyParameterFromForm(FormName = "setup", Name = "token")]
    public string? FormToken { get; set; }

    [SupplyParameterFromForm(FormName = "setup")]
    public SetupInput Input { get; set; } = default!;

    [Inject]
    public required SetupTokens Tokens { get; init; }

    [Inject]
    public required UserManager<DashboardUser> Users { get; init; }

    [Inject]
    public required SignInManager<DashboardUser> SignInManager { get; init; }

    [Inject]
    public required OperationGate Gate { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required IOptions<DashboardOptions> Options { get; init; }

    private string? Token => FormToken ?? QueryToken;

    private int MinimumLength => Options.Value.Security.Passwords.MinimumLength;

    private string ExpiresAt => Tokens.ExpiresAt?.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "–";

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        Input ??= new SetupInput();
        _refusal = await Users.Users.AnyAsync()
            ? "Setup is done: the first Admin exists. Sign in instead."
            : Tokens.Check(Token);
    }

    private async Task CreateAsync()
    {
        if (_refusal is not null)
        {
            return;
        }

        var userName = Input.UserName.Trim();
        var user = new DashboardUser { UserName = userName, CreatedAtMs = Time.GetUtcNow().ToUnixTimeMilliseconds() };
        var created = await Users.CreateAsync(user, Input.NewPassword);
        var actor = new Actor(ActorKind.User, userName, userName, null, null, HttpContext.Connection.RemoteIpAddress?.ToString(), Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier);
        var request = new OperationRequest("user.setup-admin", userName, DashboardRole.Viewer, Parameters: new { userName, role = DashboardRoles.Admin });
        if (!created.Succeeded)
        {
            _errors.AddRange(created.Errors.Select(e => e.Description));
            await Gate.RecordAsync(actor, request, AuditOutcome.Failed, string.Join(" ", _errors));
            return;
        }

        await Users.AddToRoleAsync(user, DashboardRoles.Admin);
        Tokens.Consume();
        await Gate.RecordAsync(actor with { Id = user.Id, Role = DashboardRole.Admin }, request, AuditOutcome.Succeeded, null);
        await SignInManager.SignInAsync(user, isPersistent: false);
        Navigation.NavigateTo("/", forceLoad: true);
    }
}
