using MetaNode.Operations.Audit;
using MetaNode.Operations.Security.ApiKeys;
using MetaNode.Operations.Topology;

namespace MetaNode.Dashboard.Api.Contracts;

/// <summary>A watched node to add.</summary>
/// <param name="Name">Unique in the app: 1-40 lowercase letters, digits or '-' (<c>rpc-1</c>).</param>
/// <param name="Url">Its base address, <c>http://</c> or <c>https://</c> (<c>http://10.0.0.5:8545</c>).</param>
public sealed record ApiWatchedNodeRequest(string? Name, string? Url)
{
    /// <summary>blockchain (default), validator, agreement or ipfs.</summary>
    public string? Component { get; init; }

    /// <summary>Placement zone.</summary>
    public string? Zone { get; init; }

    /// <summary>Placement region.</summary>
    public string? Region { get; init; }
}

/// <summary>A watched node.</summary>
public sealed record ApiWatchedNode(string App, string Name, string Component, ComponentRole Role, Uri Url, string? Zone, string? Region, bool FromConfiguration);

/// <summary>Audit entries, newest first.</summary>
/// <param name="Entries">The entries.</param>
/// <param name="Limit">The most entries asked for; as many as this means there may be more.</param>
public sealed record ApiAuditEntries(IReadOnlyList<AuditEntry> Entries, int Limit);

/// <summary>An API key to create.</summary>
/// <param name="Name">Unique among active keys, 1-64 characters (<c>ci-deploy</c>).</param>
/// <param name="Role">Viewer, Operator or Admin.</param>
public sealed record ApiKeyCreateRequest(string? Name, string? Role)
{
    /// <summary>Apps the key is limited to; omit or leave empty for every app.</summary>
    public IReadOnlyList<string>? Apps { get; init; }

    /// <summary>Days until it expires, 1-365 (default 90).</summary>
    public int? ExpiresInDays { get; init; }
}

/// <summary>A key just created. <see cref="Key"/> is shown this once: store it now.</summary>
/// <param name="Key">The full key, <c>mnk_{id}_{secret}</c>; the dashboard keeps only a hash of it.</param>
/// <param name="ApiKey">The key as it is listed from now on.</param>
/// <param name="Notice">A reminder that the key cannot be shown again.</param>
public sealed record ApiCreatedKey(string Key, ApiKeyInfo ApiKey, string Notice);
