using System.Diagnostics;
using System.Globalization;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MetaNode.Dashboard.Components.Account;

/// <summary>Local sign-in. Failures say no more than "not right" (which part is not told), lockouts say for how long.</summary>
public partial class SignIn
{
    private string? _message;

    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "sign-in")]
    public SignInInput Input { get; set; } = default!;

    /// <summary>Where to go after signing in (a local path only).</summary>
    [SupplyParameterFromQuery]
    public string? ReturnUrl { get; set; }

    [Inject]
    public required SignInManager<DashboardUser> SignInManager { get; init; }

    [Inject]
    public required OperationGate Gate { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IOptions<DashboardOptions> Options { get; init; }

    /// <inheritdoc />
    protected override void OnInitialized() => Input ??= new SignInInput();

    private async Task SignInAsync()
    {
        var userName = Input.UserName.Trim();
        var result = await SignInManager.PasswordSignInAsync(userName, Input.Password, isPersistent: false, lockoutOnFailure: true);
        var actor = new Actor(ActorKind.User, userName, userName, null, null, HttpContext.Connection.RemoteIpAddress?.ToString(), Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier);
        var request = new OperationRequest("user.sign-in", userName, DashboardRole.Viewer);
        if (result.Succeeded)
        {
            await Gate.RecordAsync(actor, request, AuditOutcome.Succeeded, null);
            Navigation.NavigateTo(SafeReturnUrl(ReturnUrl), forceLoad: true);
            return;
        }

        if (result.IsLockedOut)
        {
            var minutes = Options.Value.Security.Lockout.Duration.TotalMinutes;
            _message = string.Create(CultureInfo.InvariantCulture, $"This account is locked for {minutes:0} minutes after too many failed sign-ins. An Admin can unlock it sooner.");
            await Gate.RecordAsync(actor, request, AuditOutcome.Denied, "locked out");
            return;
        }

        _message = "The user name or password is not right.";
        await Gate.RecordAsync(actor, request, AuditOutcome.Failed, result.IsNotAllowed ? "not allowed" : "wrong user name or password");
    }

    /// <summary>Only paths inside the dashboard: never an open redirect to another site.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
