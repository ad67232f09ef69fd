using MetaNode.Dashboard.Security;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components;

/// <summary>The router: every page behind the sign-in, the theme and client address carried into the circuit.</summary>
public partial class Routes
{
    /// <summary>The browser's remembered theme (true = dark), or null to follow the system setting.</summary>
    [Parameter]
    public bool? InitialDarkMode { get; set; }

    /// <summary>The client's address, read by <see cref="App"/> from the request (a circuit has no request).</summary>
    [Parameter]
    public string? ClientAddress { get; set; }

    [Inject]
    public required ClientContext Client { get; init; }

    /// <inheritdoc />
    protected override void OnInitialized() => Client.Address ??= ClientAddress;
}
