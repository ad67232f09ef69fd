using MetaNode.Operations.Security.ApiKeys;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace MetaNode.Dashboard.Components.Pages.Admin;

/// <summary>Shows a key just created, once, with a copy button and a usage example.</summary>
public sealed partial class ApiKeySecretNotice
{
    private string? _copyResult;

    /// <summary>The key just created.</summary>
    [Parameter, EditorRequired]
    public required CreatedApiKey Created { get; set; }

    /// <summary>The Admin has stored the key: hide it for good.</summary>
    [Parameter]
    public EventCallback OnDismiss { get; set; }

    [Inject]
    public required IJSRuntime Js { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private string Example => Navigation.ToAbsoluteUri("api/v1/apps").ToString();

    /// <inheritdoc />
    protected override void OnParametersSet() => _copyResult = null;

    private async Task CopyAsync()
    {
        try
        {
            // The browser's own clipboard API: no script of ours, so nothing for the CSP to allow.
            await Js.InvokeVoidAsync("navigator.clipboard.writeText", Created.Key);
            _copyResult = "Copied";
        }
        catch (JSException)
        {
            // Browsers allow the clipboard only on HTTPS or localhost.
            _copyResult = "The browser refused the clipboard: select the key and copy it by hand";
        }
    }
}
