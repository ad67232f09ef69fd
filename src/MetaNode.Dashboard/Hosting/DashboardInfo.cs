using System.Reflection;

namespace MetaNode.Dashboard.Hosting;

/// <summary>Facts about this dashboard process shown on the System page and in logs.</summary>
public sealed class DashboardInfo(TimeProvider time, IHostEnvironment environment)
{
    /// <summary>When this process started serving (UTC).</summary>
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    /// <summary>The informational version of the dashboard assembly (version + commit when built from git).</summary>
    public string Version => AssemblyVersion;

    /// <summary>The informational version, available before the container is built (telemetry resource).</summary>
    public static string AssemblyVersion { get; } =
        typeof(DashboardInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";

    /// <summary>The hosting environment name (Development, Production, …).</summary>
    public string Environment => environment.EnvironmentName;

    /// <summary>How long the process has been up.</summary>
    public TimeSpan Uptime => time.GetUtcNow() - StartedAt;
}
