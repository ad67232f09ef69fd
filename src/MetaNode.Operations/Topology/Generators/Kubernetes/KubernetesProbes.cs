using k8s.Models;
using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Topology.Generators.Kubernetes;

/// <summary>
/// A node's probes, all on <c>GET /health</c> (200 when serving; 503 when syncing or cut off from
/// its peers). The kubelet runs httpGet probes itself, so they need nothing in the image; a
/// JSON-RPC check would need a POST, which httpGet cannot send, and an exec probe needs a program
/// in the image (the devnet's has only itself). /health is also the better readiness signal:
/// a node that answers JSON-RPC while far behind or isolated must not get client traffic.
/// </summary>
internal static class KubernetesProbes
{
    /// <summary>
    /// How long a node may take to report ok after it starts: time to find its peers and replay the
    /// blocks it missed. Liveness only counts after this, so a slow catch-up is not killed.
    /// </summary>
    private static readonly TimeSpan StartupAllowance = TimeSpan.FromMinutes(5);

    /// <summary>Ready (gets RPC traffic) while /health is ok; out after the policy's retries failed in a row.</summary>
    public static V1Probe Readiness(HealthCheckSettings checks) => Probe(checks, Math.Max(1, checks.Retries));

    /// <summary>
    /// Restarted when /health has failed for the failover policy's detection timeout: that is when
    /// the policy counts the node as failed, and restarting is what the platform does about it.
    /// </summary>
    public static V1Probe Liveness(HealthCheckSettings checks, FailoverSettings failover) =>
        Probe(checks, Math.Max(1, (int)Math.Ceiling(failover.DetectionTimeout / TimeSpan.FromSeconds(Seconds(checks.Interval)))));

    /// <summary>Holds liveness off for <see cref="StartupAllowance"/>.</summary>
    public static V1Probe Startup(HealthCheckSettings checks) =>
        Probe(checks, (int)Math.Ceiling(StartupAllowance / TimeSpan.FromSeconds(Seconds(checks.Interval))));

    /// <summary>Whole seconds, at least one: Kubernetes' probe and grace fields count in seconds.</summary>
    public static int Seconds(TimeSpan time) => Math.Max(1, (int)Math.Ceiling(time.TotalSeconds));

    private static V1Probe Probe(HealthCheckSettings checks, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = "/health", Port = KubernetesWorkload.RpcPortName },
        PeriodSeconds = Seconds(checks.Interval),
        TimeoutSeconds = Seconds(checks.Timeout),
        FailureThreshold = failureThreshold,
        SuccessThreshold = 1,
    };
}
