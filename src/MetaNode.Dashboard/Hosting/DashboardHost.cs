using MetaNode.Operations.Configuration;
using Microsoft.Extensions.Options;

namespace MetaNode.Dashboard.Hosting;

/// <summary>
/// Builds and runs the dashboard. <c>Program.cs</c> only calls <see cref="RunAsync"/>; tests call
/// <see cref="Build"/> to get the very same application with their own configuration.
/// </summary>
public static class DashboardHost
{
    /// <summary>Exit code for a start refused because of invalid configuration (sysexits EX_CONFIG).</summary>
    public const int InvalidConfigurationExitCode = 78;

    /// <summary>
    /// Builds the application: services, then the request pipeline. <paramref name="configure"/>
    /// runs first, so configuration it adds is seen by registrations that read it;
    /// <paramref name="customize"/> runs after the dashboard's services are registered, so a test
    /// can swap the server for a test server or replace a service.
    /// </summary>
    public static WebApplication Build(
        WebApplicationOptions options,
        Action<WebApplicationBuilder>? customize = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(options);
        configure?.Invoke(builder);
        builder.AddDashboardServices();
        customize?.Invoke(builder);
        var app = builder.Build();
        // Fail before the host starts (and logs a stack trace): bind and validate every option now.
        _ = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        app.UseDashboardPipeline();
        return app;
    }

    /// <summary>Runs until shutdown; refuses to start on invalid configuration with one line per key.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (HealthProbeCommand.IsRequested(args))
        {
            return await HealthProbeCommand.RunAsync(args);
        }

        WebApplication app;
        try
        {
            app = Build(new WebApplicationOptions { Args = args });
        }
        catch (Exception ex) when (ConfigurationProblems.TryDescribe(ex, out var problems))
        {
            await Console.Error.WriteLineAsync("MetaNode Dashboard did not start: the configuration is invalid.");
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"  - {problem}");
            }

            return InvalidConfigurationExitCode;
        }

        await using (app)
        {
            await app.RunAsync();
        }

        return 0;
    }
}
