using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MetaNode.Dashboard.Api;

/// <summary>
/// Problem details for API errors that no endpoint wrote: no such route (404), wrong method (405),
/// a body that could not be read (400, 413, 415), and the rate limiter's 429.
/// </summary>
internal static class ApiStatusProblems
{
    /// <summary>Wraps the whole pipeline: an API error response without a body gets a problem body.</summary>
    public sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (DashboardApiPaths.IsApi(context.Request.Path) && !LimitBody(context))
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    await ApiProblems.WriteAsync(context, ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, Detail(context)));
                    return;
                }

                await nextMiddleware(context);
                var response = context.Response;
                if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null
                    && string.IsNullOrEmpty(response.ContentType) && DashboardApiPaths.IsApi(context.Request.Path))
                {
                    await ApiProblems.WriteAsync(context, ApiProblems.Problem(response.StatusCode, Detail(context)));
                }
            });
            next(app);
        };
    }

    /// <summary>
    /// Applies the API's body limit: false when the declared length is over it; otherwise the
    /// server (Kestrel) stops reading a longer body than declared or an unannounced one at the limit.
    /// </summary>
    private static bool LimitBody(HttpContext context)
    {
        if (context.Request.ContentLength > DashboardApi.MaxRequestBodyBytes)
        {
            return false;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = DashboardApi.MaxRequestBodyBytes;
        }

        return true;
    }

    /// <summary>Answers the rate limiter's refusals on the API with a 429 problem; elsewhere as before.</summary>
    public sealed class RateLimiterSetup : IPostConfigureOptions<RateLimiterOptions>
    {
        public void PostConfigure(string? name, RateLimiterOptions options)
        {
            var previous = options.OnRejected;
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                if (!DashboardApiPaths.IsApi(context.Request.Path))
                {
                    if (previous is not null)
                    {
                        await previous(rejected, cancellationToken);
                    }

                    return;
                }

                var wait = rejected.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 10;
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                var caller = context.User.Identity?.Name ?? "this client";
                await ApiProblems.WriteAsync(context, ApiProblems.Problem(
                    StatusCodes.Status429TooManyRequests,
                    $"Too many requests from {caller}: the API's rate limit is reached. Retry after {wait} s."));
            };
        }
    }

    private static string Detail(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"No API endpoint answers {context.Request.Method} {context.Request.Path}. The OpenAPI document at {DashboardApiPaths.OpenApiDocument} lists them all.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Path} does not accept {context.Request.Method}.",
        StatusCodes.Status413PayloadTooLarge => $"The request body is larger than the API accepts ({DashboardApi.MaxRequestBodyBytes / 1024} KB).",
        StatusCodes.Status415UnsupportedMediaType => "Send the request body as application/json.",
        StatusCodes.Status400BadRequest => "The request could not be read: the body must be valid JSON of the documented shape, and parameters must have their documented types.",
        StatusCodes.Status401Unauthorized => "Send an API key as 'Authorization: Bearer mnk_…', or sign in to the dashboard.",
        StatusCodes.Status403Forbidden => "Your role does not allow this request.",
        StatusCodes.Status503ServiceUnavailable => "The dashboard is not serving requests right now (shutting down or starting). Try again shortly.",
        _ => "The request failed.",
    };
}
