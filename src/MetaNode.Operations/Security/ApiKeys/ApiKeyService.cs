using System.Globalization;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MetaNode.Operations.Security.ApiKeys;

/// <summary>
/// API keys for automation: created by an Admin (the full key is returned once; only a hash of its
/// secret is stored), scoped by role and optionally by app, expiring, revocable. Creating and
/// revoking pass the <see cref="OperationGate"/> (Admin only, audited); checking a presented key is
/// what the API's authentication calls on every request.
/// </summary>
public sealed class ApiKeyService(
    IDbContextFactory<DashboardDbContext> contextFactory,
    OperationGate gate,
    AppCatalog catalog,
    TimeProvider time)
{
    /// <summary>Lifetime of a key created without one.</summary>
    public const int DefaultLifetimeDays = 90;

    /// <summary>The shortest lifetime a key may have.</summary>
    public const int MinLifetimeDays = 1;

    /// <summary>The longest lifetime a key may have.</summary>
    public const int MaxLifetimeDays = 365;

    /// <summary>The longest key name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>How stale the recorded last use may get: one write per key per minute at most.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Every key, newest first, with its state as of now.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var records = await context.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAtMs).ThenBy(k => k.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return [.. records.Select(r => ToInfo(r, now))];
    }

    /// <summary>The key with <paramref name="id"/>, or null.</summary>
    public async Task<ApiKeyInfo?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await context.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        return record is null ? null : ToInfo(record, time.GetUtcNow());
    }

    /// <summary>Creates a key; the returned <see cref="CreatedApiKey.Key"/> is the only copy of it.</summary>
    /// <exception cref="OperationDeniedException">The actor is no Admin, or is a key limited to apps asking for more (audited).</exception>
    /// <exception cref="OperationValidationException">The request breaks a rule; the errors name each field (audited).</exception>
    public async Task<CreatedApiKey> CreateAsync(Actor actor, ApiKeyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var (id, secret, key) = ApiKeyFormat.Generate();
        var name = request.Name?.Trim() ?? string.Empty;
        var apps = request.Apps is null ? null : request.Apps.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var operation = new OperationRequest(
            "api-key.create",
            $"{name} ({id})",
            DashboardRole.Admin,
            Parameters: new { id, name, role = request.Role, apps, expiresInDays = request.ExpiresInDays ?? DefaultLifetimeDays });

        // A key limited to some apps must not mint a key for more: that would widen its own reach.
        if (actor.Holds(DashboardRole.Admin) && actor.Apps is { } own && (apps is not { Count: > 0 } || apps.Any(a => !own.Contains(a, StringComparer.Ordinal))))
        {
            var denial = $"{actor.Name} is limited to {string.Join(", ", own)}; it can only create keys limited to those apps";
            await gate.RecordAsync(actor, operation, AuditOutcome.Denied, denial);
            throw new OperationDeniedException(denial);
        }

        return await gate.RunAsync(
            actor,
            operation,
            async ct =>
            {
                await using var context = await contextFactory.CreateDbContextAsync(ct);
                var now = time.GetUtcNow();
                var errors = await ValidateAsync(context, name, request, apps, now, ct);
                if (errors.Count > 0)
                {
                    throw new OperationValidationException(errors);
                }

                var record = new ApiKeyRecord
                {
                    Id = id,
                    Name = name,
                    SecretHash = ApiKeyFormat.Hash(secret),
                    Role = DashboardRoles.Parse(request.Role)!.Value.ToString(),
                    Apps = apps is { Count: > 0 } ? string.Join(',', apps) : null,
                    CreatedBy = actor.Name,
                    CreatedAtMs = now.ToUnixTimeMilliseconds(),
                    ExpiresAtMs = (now + TimeSpan.FromDays(request.ExpiresInDays ?? DefaultLifetimeDays)).ToUnixTimeMilliseconds(),
                };
                context.ApiKeys.Add(record);
                await context.SaveChangesAsync(ct);
                return new CreatedApiKey(ToInfo(record, now), key);
            },
            cancellationToken);
    }

    /// <summary>Revokes a key: it is refused from the next request on. Kept in the list, marked revoked.</summary>
    /// <exception cref="ApiKeyNotFoundException">No key has <paramref name="id"/> (audited as failed).</exception>
    /// <exception cref="ApiKeyConflictException">The key was already revoked (audited as failed).</exception>
    public async Task<ApiKeyInfo> RevokeAsync(Actor actor, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(id);
        var known = await FindAsync(id, cancellationToken);
        return await gate.RunAsync(
            actor,
            new OperationRequest("api-key.revoke", known is null ? id : $"{known.Name} ({id})", DashboardRole.Admin, Parameters: new { id }),
            async ct =>
            {
                await using var context = await contextFactory.CreateDbContextAsync(ct);
                var record = await context.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct)
                    ?? throw new ApiKeyNotFoundException($"There is no API key with id {id}.");
                if (record.RevokedAtMs is { } revokedAt)
                {
                    throw new ApiKeyConflictException($"The API key {record.Name} was already revoked at {Format(revokedAt)} by {record.RevokedBy}.");
                }

                var now = time.GetUtcNow();
                record.RevokedAtMs = now.ToUnixTimeMilliseconds();
                record.RevokedBy = actor.Name;
                await context.SaveChangesAsync(ct);
                return ToInfo(record, now);
            },
            cancellationToken);
    }

    /// <summary>
    /// Checks a key presented with a request: well formed, known, secret matching, not revoked,
    /// not expired. Records the use (at most once a minute per key).
    /// </summary>
    public async Task<ApiKeyValidation> ValidateAsync(string? presented, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.TryParse(presented, out var id, out var secret))
        {
            return new ApiKeyValidation(null, "The API key is malformed: expected mnk_<id>_<secret> as the dashboard showed it at creation.");
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await context.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        // An unknown id and a wrong secret read the same: the answer must not tell which ids exist.
        if (record is null || !ApiKeyFormat.Matches(secret, record.SecretHash))
        {
            return new ApiKeyValidation(null, "The API key is not known to this dashboard.");
        }

        var now = time.GetUtcNow();
        if (record.RevokedAtMs is { } revokedAt)
        {
            return new ApiKeyValidation(null, $"The API key {record.Name} was revoked at {Format(revokedAt)}.");
        }

        if (now.ToUnixTimeMilliseconds() >= record.ExpiresAtMs)
        {
            return new ApiKeyValidation(null, $"The API key {record.Name} expired at {Format(record.ExpiresAtMs)}.");
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        var staleBefore = nowMs - (long)LastUsedResolution.TotalMilliseconds;
        if (record.LastUsedAtMs is not { } lastUsed || lastUsed <= staleBefore)
        {
            // Conditional, so concurrent requests of one key write once per minute, not once each.
            await context.ApiKeys
                .Where(k => k.Id == id && (k.LastUsedAtMs == null || k.LastUsedAtMs <= staleBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAtMs, nowMs), cancellationToken);
            record.LastUsedAtMs = nowMs;
        }

        return new ApiKeyValidation(ToInfo(record, now), null);
    }

    private async Task<Dictionary<string, string>> ValidateAsync(
        DashboardDbContext context,
        string name,
        ApiKeyRequest request,
        IReadOnlyList<string>? apps,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (name.Length == 0)
        {
            errors["Name"] = "is required, e.g. ci-deploy";
        }
        else if (name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            errors["Name"] = $"must be at most {MaxNameLength} printable characters";
        }
        else
        {
            var nowMs = now.ToUnixTimeMilliseconds();
            if (await context.ApiKeys.AnyAsync(k => k.Name == name && k.RevokedAtMs == null && k.ExpiresAtMs > nowMs, cancellationToken))
            {
                errors["Name"] = $"an active key is already named {name}; choose another name or revoke that key";
            }
        }

        if (DashboardRoles.Parse(request.Role) is null)
        {
            errors["Role"] = "must be Viewer, Operator or Admin";
        }

        var unknown = apps?.Where(a => catalog.Find(a) is null).ToList() ?? [];
        if (unknown.Count > 0)
        {
            var known = catalog.Apps.Select(a => a.Name).ToList();
            errors["Apps"] = $"{(unknown.Count == 1 ? "there is no app named " : "there are no apps named ")}{string.Join(", ", unknown)}"
                + (known.Count == 0 ? "; the dashboard knows no app yet" : $"; known apps: {string.Join(", ", known)}");
        }
        else if (apps is not null && string.Join(',', apps).Length > 1024)
        {
            errors["Apps"] = "name too many apps (1024 characters at most); leave it empty for every app";
        }

        if (request.ExpiresInDays is { } days && days is < MinLifetimeDays or > MaxLifetimeDays)
        {
            errors["ExpiresInDays"] = $"must be between {MinLifetimeDays} and {MaxLifetimeDays} days";
        }

        return errors;
    }

    private static ApiKeyInfo ToInfo(ApiKeyRecord record, DateTimeOffset now) => new(
        record.Id,
        record.Name,
        DashboardRoles.Parse(record.Role) ?? DashboardRole.Viewer,
        string.IsNullOrEmpty(record.Apps) ? null : record.Apps.Split(',', StringSplitOptions.RemoveEmptyEntries),
        record.CreatedBy,
        DateTimeOffset.FromUnixTimeMilliseconds(record.CreatedAtMs),
        DateTimeOffset.FromUnixTimeMilliseconds(record.ExpiresAtMs),
        record.RevokedAtMs is { } revoked ? DateTimeOffset.FromUnixTimeMilliseconds(revoked) : null,
        record.RevokedBy,
        record.LastUsedAtMs is { } used ? DateTimeOffset.FromUnixTimeMilliseconds(used) : null,
        record.RevokedAtMs is not null ? ApiKeyState.Revoked
            : now.ToUnixTimeMilliseconds() >= record.ExpiresAtMs ? ApiKeyState.Expired
            : ApiKeyState.Active);

    private static string Format(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
