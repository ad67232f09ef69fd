using System.Data.Common;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Security.ApiKeys;

namespace MetaNode.Dashboard.Api;

/// <summary>
/// Turns what the engine throws into problem details: refused → 403, bad input → 400 with the
/// fields, unknown key → 404, conflicting state → 409, store down → 503, anything else → 500 with
/// the trace id (logged, never shown).
/// </summary>
internal sealed partial class ApiErrorFilter(ILogger<ApiErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationDeniedException ex)
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, Sentence(ex.Message));
        }
        catch (OperationValidationException ex)
        {
            return ApiProblems.Invalid(ex.Errors);
        }
        catch (ApiKeyNotFoundException ex)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, ex.Message);
        }
        catch (ApiKeyConflictException ex)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, ex.Message);
        }
        catch (ClusterOperationException ex)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, Sentence(ex.Message));
        }
        catch (DbException ex)
        {
            LogFailed(logger, ex, http.Request.Method, http.Request.Path);
            return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "The dashboard's store did not answer. Try again shortly; the error was logged.");
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, http.Request.Method, http.Request.Path);
            return ApiProblems.Problem(StatusCodes.Status500InternalServerError, "The dashboard failed to answer this request. The error was logged with this problem's trace id.");
        }
    }

    /// <summary>The engine's messages are clauses that may start with a name (never capitalized); the API ends them as sentences.</summary>
    private static string Sentence(string message) =>
        message.Length == 0 || message.EndsWith('.') ? message : message + ".";

    [LoggerMessage(Level = LogLevel.Error, Message = "API request {Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, PathString path);
}
