using System.Globalization;
using MetaNode.Dashboard.Components.Shared;
using MetaNode.Operations.Security.ApiKeys;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MetaNode.Dashboard.Components.Pages.Admin;

/// <summary>The table of API keys on the API keys page.</summary>
public sealed partial class ApiKeyTable
{
    /// <summary>The keys to list, in order.</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<ApiKeyInfo> Keys { get; set; }

    /// <summary>The time the relative figures ("in 89d", "3m ago") are measured from.</summary>
    [Parameter, EditorRequired]
    public required DateTimeOffset Now { get; set; }

    /// <summary>True while a change runs: the revoke buttons are disabled.</summary>
    [Parameter]
    public bool Busy { get; set; }

    /// <summary>Asked to revoke a key (the page confirms first).</summary>
    [Parameter]
    public EventCallback<ApiKeyInfo> OnRevoke { get; set; }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private string ExpiryText(ApiKeyInfo key) =>
        key.ExpiresAt > Now ? $"in {Formatting.CoarseDuration(key.ExpiresAt - Now)}" : $"{Formatting.CoarseDuration(Now - key.ExpiresAt)} ago";

    private string LastUsedText(ApiKeyInfo key) =>
        key.LastUsedAt is { } used ? $"{Formatting.CoarseDuration(Now - used)} ago" : "never";

    private static string StateText(ApiKeyInfo key) => key.State switch
    {
        ApiKeyState.Revoked => $"Revoked by {key.RevokedBy}",
        ApiKeyState.Expired => "Expired",
        _ => "Active",
    };

    private static string ToneOf(ApiKeyState state) => state switch
    {
        ApiKeyState.Active => "mn-tone-good",
        ApiKeyState.Expired => "mn-tone-warning",
        _ => "mn-tone-bad",
    };

    private static string IconOf(ApiKeyState state) => state switch
    {
        ApiKeyState.Active => Icons.Material.Filled.CheckCircle,
        ApiKeyState.Expired => Icons.Material.Filled.Schedule,
        _ => Icons.Material.Filled.Block,
    };
}
