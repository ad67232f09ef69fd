using System.Text.Json;
using MetaNode.Operations.Security;

namespace MetaNode.Operations.Audit;

/// <summary>An operation as the gate sees it: what, on what, and the role it needs.</summary>
/// <param name="Action">What is done, as <c>area.verb</c>.</param>
/// <param name="Target">What it is done to.</param>
/// <param name="Required">The weakest role allowed to do it.</param>
/// <param name="App">The app concerned (checked against an API key's app scope).</param>
/// <param name="Parameters">The request's parameters (serialized to the audit entry; never pass secrets).</param>
public sealed record OperationRequest(string Action, string Target, DashboardRole Required, string? App = null, object? Parameters = null);

/// <summary>Refused: the actor lacks the role or the app scope. The message says which.</summary>
public sealed class OperationDeniedException : Exception
{
    public OperationDeniedException()
    {
    }

    public OperationDeniedException(string message)
        : base(message)
    {
    }

    public OperationDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Refused because the input is wrong; the errors name each field and its rule.</summary>
public sealed class OperationValidationException : Exception
{
    public OperationValidationException()
        : this(new Dictionary<string, string>())
    {
    }

    public OperationValidationException(string message)
        : this(new Dictionary<string, string> { [string.Empty] = message })
    {
    }

    public OperationValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string> { [string.Empty] = message };
    }

    public OperationValidationException(IReadOnlyDictionary<string, string> errors)
        : base(string.Join("; ", errors.Select(e => string.IsNullOrEmpty(e.Key) ? e.Value : $"{e.Key}: {e.Value}")))
    {
        Errors = errors;
    }

    /// <summary>Rule broken, by field name.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }
}

/// <summary>
/// Every mutating operation passes here, whatever its entry point (page, API, hub, schedule):
/// the actor's role and app scope are checked, the operation runs, and exactly one audit entry
/// records who, what, target, parameters, outcome, time, source and correlation.
/// </summary>
public sealed class OperationGate(IAuditLog audit, TimeProvider time)
{
    private static readonly JsonSerializerOptions ParameterJson = new(JsonSerializerDefaults.Web);

    /// <summary>Authorizes, runs and audits <paramref name="operation"/>.</summary>
    /// <exception cref="OperationDeniedException">The actor may not do it (audited as denied).</exception>
    public async Task<T> RunAsync<T>(Actor actor, OperationRequest request, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(operation);
        var denial = !actor.Holds(request.Required)
            ? $"{request.Action} needs the {request.Required} role; {actor.Name} is {actor.Role?.ToString() ?? "without a role"}"
            : !actor.Covers(request.App)
                ? $"{actor.Name} is limited to {string.Join(", ", actor.Apps!)}; {request.App} is not among them"
                : null;
        if (denial is not null)
        {
            await RecordAsync(actor, request, AuditOutcome.Denied, denial);
            throw new OperationDeniedException(denial);
        }

        try
        {
            var result = await operation(cancellationToken);
            await RecordAsync(actor, request, AuditOutcome.Succeeded, null);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await RecordAsync(actor, request, AuditOutcome.Failed, ex.Message);
            throw;
        }
    }

    /// <summary>Records an event that is not an operation on the engine (sign-in, sign-out, lockout).</summary>
    public Task RecordAsync(Actor actor, OperationRequest request, AuditOutcome outcome, string? error)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        return audit.AppendAsync(
            new AuditEntry(
                time.GetUtcNow(),
                actor.Kind,
                actor.Id,
                actor.Name,
                request.Action,
                request.Target,
                request.App,
                request.Parameters is null ? null : JsonSerializer.Serialize(request.Parameters, ParameterJson),
                outcome,
                error,
                actor.SourceAddress,
                actor.CorrelationId),
            CancellationToken.None);
    }
}
