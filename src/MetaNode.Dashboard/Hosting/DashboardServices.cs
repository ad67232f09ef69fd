using MetaNode.Dashboard.Components;
using MetaNode.Dashboard.Hubs;
using MetaNode.Dashboard.Security;
using MetaNode.Dashboard.Security.SingleSignOn;
using MetaNode.Operations;
using MetaNode.Operations.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor.Services;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace MetaNode.Dashboard.Hosting;

/// <summary>The dashboard's service registrations and request pipeline, in one readable place.</summary>
internal static class DashboardServices
{
    /// <summary>The meters the dashboard's own code publishes (exported at <c>/metrics</c>).</summary>
    public const string MeterPrefix = "MetaNode.*";

    /// <summary>Registers options, store, UI, health and telemetry.</summary>
    public static WebApplicationBuilder AddDashboardServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // `dotnet run` starts the build output in whatever environment is configured (Production
        // by default). Static web assets (MudBlazor's css/js, the framework script) are then only
        // described by the build's development manifest; loading it is a no-op in published output.
        builder.WebHost.UseStaticWebAssets();

        services.AddDashboardEngine(builder.Configuration);
        services.AddSingleton<DashboardInfo>();
        builder.AddDashboardSecurity();
        builder.AddApiKeyAuthentication();
        builder.AddDashboardSingleSignOn();
        services.AddUserAdministration();
        services.AddDataProtection()
            .SetApplicationName("MetaNode.Dashboard")
            .PersistKeysToDbContext<DashboardDbContext>();

        services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
                options.DetailedErrors = builder.Environment.IsDevelopment());
        // Confirmations appear bottom right, clear of the page headers' action buttons.
        services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        // Enums as words on the wire: the NOC wall's script and other clients read "Down", not 3.
        services.AddSignalR().AddJsonProtocol(json =>
            json.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddHostedService<HealthHubPublisher>();

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("metanode-dashboard", serviceVersion: DashboardInfo.AssemblyVersion))
            .WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(MeterPrefix)
            .AddPrometheusExporter());

        return builder;
    }

    /// <summary>Middleware and endpoints, in the order they must run.</summary>
    public static WebApplication UseDashboardPipeline(this WebApplication app)
    {
        // Once shutdown begins, refuse new requests: a page's reconnect attempt would otherwise open
        // a fresh circuit on a keep-alive connection, and graceful shutdown would wait on it for
        // the full shutdown timeout. The page keeps retrying and reaches the next process.
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use(async (context, next) =>
        {
            if (stopping.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.Connection = "close";
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            await next(context);
        });

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        app.Use((context, next) =>
        {
            // The not-found page is for people: machines (API, hub, metrics, non-GET requests) get
            // the bare status code, not a page (re-executing a POST on a page even turns it into 400).
            var path = context.Request.Path;
            if (!HttpMethods.IsGet(context.Request.Method) || path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs")
                || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/openapi"))
            {
                context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
            }

            return next(context);
        });
        app.UseDashboardSecurity();
        app.UseAntiforgery();

        // Nothing answers without sign-in (the fallback policy) except what is marked anonymous here
        // and on the sign-in, setup, error and not-found pages.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapDashboardApi();
        app.MapSingleSignOnEndpoints();
        app.MapAuditExport();
        app.MapHub<HealthHub>(HealthHub.Path).RequireAuthorization(DashboardPolicies.Viewer);

        // Liveness: the process answers. Readiness: the store answers too.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthCheckTags.Ready),
        }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(DashboardPolicies.Viewer);
        return app;
    }
}
