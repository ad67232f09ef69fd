namespace MetaNode.Operations.Security.ApiKeys;

/// <summary>Where an API key stands at a moment.</summary>
public enum ApiKeyState
{
    /// <summary>Authenticates requests.</summary>
    Active,

    /// <summary>Past its expiry: refused.</summary>
    Expired,

    /// <summary>Revoked by an Admin: refused, whatever its expiry.</summary>
    Revoked,
}

/// <summary>An API key as pages and the API show it: never its secret, never its hash.</summary>
/// <param name="Id">The public key id (the part between <c>mnk_</c> and the secret).</param>
/// <param name="Name">What people read in the audit log.</param>
/// <param name="Role">The role requests made with it hold.</param>
/// <param name="Apps">The apps it may touch; null for every app.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
/// <param name="RevokedBy">Who revoked it, if anyone did.</param>
/// <param name="LastUsedAt">When it last authenticated a request (to the minute).</param>
/// <param name="State">Active, expired or revoked, as of the read.</param>
public sealed record ApiKeyInfo(
    string Id,
    string Name,
    DashboardRole Role,
    IReadOnlyList<string>? Apps,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    DateTimeOffset? LastUsedAt,
    ApiKeyState State);

/// <summary>A key to create, as typed on the page or posted to the API.</summary>
/// <param name="Name">A name unique among the active keys (1-64 characters).</param>
/// <param name="Role">Viewer, Operator or Admin.</param>
/// <param name="Apps">Apps the key is limited to; null or empty for every app.</param>
/// <param name="ExpiresInDays">Days until it expires, 1-365; null for <see cref="ApiKeyService.DefaultLifetimeDays"/>.</param>
public sealed record ApiKeyRequest(string? Name, string? Role, IReadOnlyList<string>? Apps = null, int? ExpiresInDays = null);

/// <summary>A key just created: the only time its full text exists outside the caller's hands.</summary>
/// <param name="Info">The key as it is listed from now on.</param>
/// <param name="Key">The full key, <c>mnk_{id}_{secret}</c>. Shown once; only its hash is stored.</param>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Key);

/// <summary>The outcome of checking a presented key: the key, or why it is refused.</summary>
/// <param name="Key">The key, when it is valid.</param>
/// <param name="Failure">Why it is refused, in a sentence a caller can act on.</param>
public sealed record ApiKeyValidation(ApiKeyInfo? Key, string? Failure)
{
    /// <summary>True when the key authenticates.</summary>
    public bool Succeeded => Key is not null;
}

/// <summary>There is no API key with the given id.</summary>
public sealed class ApiKeyNotFoundException : Exception
{
    public ApiKeyNotFoundException()
    {
    }

    public ApiKeyNotFoundException(string message)
        : base(message)
    {
    }

    public ApiKeyNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The key cannot change that way any more (it is already revoked).</summary>
public sealed class ApiKeyConflictException : Exception
{
    public ApiKeyConflictException()
    {
    }

    public ApiKeyConflictException(string message)
        : base(message)
    {
    }

    public ApiKeyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
