using System.Diagnostics;
using System.Globalization;
using MetaNode.Dashboard.Security.SingleSignOn;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MetaNode.Dashboard.Components.Account;

/// <summary>
/// Local sign-in, and the single sign-on button when it is enabled. Failures say no more than "not
/// right" (which part is not told), lockouts say for how long.
/// </summary>
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

    /// <summary>Why a single sign-on just failed (a code set by the callback; see <see cref="ExternalSignInProblem"/>).</summary>
    [SupplyParameterFromQuery(Name = ExternalSignInProblem.QueryName)]
    public string? ExternalProblem { get; set; }

    [Inject]
    public required SignInManager<DashboardUser> SignInManager { get; init; }

    [Inject]
    public required OperationGate Gate { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IOptions<DashboardOptions> Options { get; init; }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        Input ??= new SignInInput();
        _message = SingleSignOn.Enabled ? ExternalSignInProblem.Describe(ExternalProblem, SingleSignOn.DisplayName) : null;
    }

    private OpenIdConnectOptions SingleSignOn => Options.Value.Security.OpenIdConnect;

    private async Task SignInAsync()
    {
        var userName = Input.UserName.Trim();
        var actor = new Actor(ActorKind.User, userName, userName, null, null, HttpContext.Connection.RemoteIpAddress?.ToString(), Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier);
        var request = new OperationRequest("user.sign-in", userName, DashboardRole.Viewer);

        // An account single sign-on created has no password: refuse before Identity counts a
        // failure, or anyone could lock an SSO user out by typing wrong passwords under its name.
        if (await SignInManager.UserManager.FindByNameAsync(userName) is { ExternalProvider: { } provider })
        {
            Input.Password = string.Empty;
            _message = $"This account signs in through {provider}: use the button below.";
            await Gate.RecordAsync(actor, request, AuditOutcome.Denied, $"single sign-on account ({provider})");
            return;
        }

        var result = await SignInManager.PasswordSignInAsync(userName, Input.Password, isPersistent: false, lockoutOnFailure: true);
        Input.Password = string.Empty; // never sent back to the browser
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
