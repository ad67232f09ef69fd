using System.Globalization;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Topology;

namespace MetaNode.Operations.Clusters.Docker;

/// <summary>One node container as the engine last described it (from an inspect): identity from its labels, state, addresses.</summary>
internal sealed partial record ContainerSnapshot
{
    public required string Id { get; init; }

    /// <summary>The container's name, without Docker's leading slash.</summary>
    public required string Name { get; init; }

    public required NodeRef Ref { get; init; }

    public string? Zone { get; init; }

    public string? Region { get; init; }

    /// <summary>Created by this dashboard (its name prefix in <see cref="DockerLabels.ManagedBy"/>): only these are scaled away or re-created.</summary>
    public bool Managed { get; init; }

    public long? GenesisTimeMs { get; init; }

    /// <summary>The state as the engine says it; Stopped vs Exited needs the events' history (see the provider).</summary>
    public required NodeRunState State { get; init; }

    public long ExitCode { get; init; }

    public bool OomKilled { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>JSON-RPC and <c>/health</c>: a published port, or the container's address.</summary>
    public required Uri RpcEndpoint { get; init; }

    /// <summary>The port JSON-RPC listens on inside the container (what peers on a shared network use).</summary>
    public int RpcContainerPort { get; init; } = DockerLabels.DefaultRpcPort;

    /// <summary>The admin API, when reachable.</summary>
    public Uri? AdminEndpoint { get; init; }

    public string? AdminToken { get; init; }

    /// <summary>Networks the container is attached to, by name.</summary>
    public required IReadOnlySet<string> Networks { get; init; }

    public required string Image { get; init; }

    /// <summary>The arguments the node was started with (after the entrypoint).</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>Host ports it publishes (JSON-RPC, admin), for port allocation.</summary>
    public required IReadOnlyList<int> HostPorts { get; init; }

    public double? CpuLimit { get; init; }

    public long? MemoryLimitBytes { get; init; }

    /// <summary>True for roles that keep a chain.</summary>
    public bool KeepsChain => Ref.Role is ComponentRole.Blockchain or ComponentRole.Validator;

    /// <summary>Reads a node container; null (and why) when its labels do not name a node, null without a reason when another dashboard manages it.</summary>
    public static ContainerSnapshot? From(ContainerInspectResponse container, DockerClusterOptions options, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(options);
        var labels = container.Config?.Labels ?? new Dictionary<string, string>();
        string? Label(string key) => labels.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var name = container.Name.TrimStart('/');
        if (Label(DockerLabels.ManagedBy) is { } owner && owner != options.NamePrefix)
        {
            // Another dashboard (another name prefix) runs it: two dashboards must not fight over one node.
            problem = null;
            return null;
        }

        var app = Label(DockerLabels.App);
        var component = Label(DockerLabels.Component);
        var node = Label(DockerLabels.Node);
        if (app is null || component is null || node is null || !NodeNamePattern().IsMatch(node))
        {
            problem = $"container {name} has {DockerLabels.App} but not all of {DockerLabels.Component}, {DockerLabels.Node} (component-ordinal, e.g. ipfs-3)";
            return null;
        }

        if (AppCatalog.ResolveRole(component, Label(DockerLabels.Role)) is not { } role)
        {
            problem = $"container {name}: the role of component '{component}' is unknown; label it {DockerLabels.Role}=blockchain|validator|agreement|ipfs";
            return null;
        }

        var rpcPort = Port(Label(DockerLabels.RpcPort), DockerLabels.DefaultRpcPort);
        var adminPort = Port(Label(DockerLabels.AdminPort), DockerLabels.DefaultAdminPort);
        var networks = container.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>();
        // A container that is not running has no live port map; its configured bindings say where it will listen.
        var ports = container.NetworkSettings?.Ports is { Count: > 0 } live && live.Values.Any(b => b is { Count: > 0 })
            ? live
            : container.HostConfig?.PortBindings ?? new Dictionary<string, IList<PortBinding>>();
        var rpc = Address(rpcPort, ports, networks, options);
        var admin = Address(adminPort, ports, networks, options);
        var token = container.Config?.Env?.FirstOrDefault(e => e.StartsWith(DockerLabels.AdminTokenVariable + "=", StringComparison.Ordinal))?[(DockerLabels.AdminTokenVariable.Length + 1)..];
        var state = container.State;
        problem = null;
        return new ContainerSnapshot
        {
            Id = container.ID,
            Name = name,
            Ref = new NodeRef(app, component, node, role),
            Zone = Label(DockerLabels.Zone),
            Region = Label(DockerLabels.Region),
            Managed = Label(DockerLabels.ManagedBy) == options.NamePrefix,
            GenesisTimeMs = long.TryParse(Label(DockerLabels.GenesisTime), NumberStyles.Integer, CultureInfo.InvariantCulture, out var genesis) ? genesis : null,
            State = StateOf(state),
            ExitCode = state?.ExitCode ?? 0,
            OomKilled = state?.OOMKilled ?? false,
            StartedAt = state is { Running: true } && DateTimeOffset.TryParse(state.StartedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started) ? started : null,
            RpcContainerPort = rpcPort,
            RpcEndpoint = rpc ?? new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{name}:{rpcPort}/")),
            AdminEndpoint = admin,
            AdminToken = string.IsNullOrEmpty(token) ? null : token,
            Networks = networks.Keys.ToHashSet(StringComparer.Ordinal),
            Image = container.Config?.Image ?? container.Image,
            Arguments = [.. container.Args ?? []],
            HostPorts = [.. ports.OrderBy(p => p.Key, StringComparer.Ordinal).Where(p => p.Value is not null).SelectMany(p => p.Value).Select(b => int.TryParse(b.HostPort, CultureInfo.InvariantCulture, out var p) ? p : 0).Where(p => p > 0)],
            CpuLimit = container.HostConfig is { NanoCPUs: > 0 } host ? host.NanoCPUs / 1e9 : null,
            MemoryLimitBytes = container.HostConfig is { Memory: > 0 } memory ? memory.Memory : null,
        };
    }

    /// <summary>The engine's state in the provider's words (created but never started counts as stopped).</summary>
    public static NodeRunState StateOf(State? state) => state switch
    {
        null => NodeRunState.Exited,
        { Paused: true } => NodeRunState.Paused,
        { Restarting: true } => NodeRunState.Starting,
        { Running: true } => NodeRunState.Running,
        { Status: "created" } => NodeRunState.Stopped,
        _ => NodeRunState.Exited,
    };

    /// <summary>
    /// A published port when there is one (the dashboard's access path survives a partition), else
    /// the container's address on a network it is attached to, the access network first.
    /// </summary>
    private static Uri? Address(int port, IDictionary<string, IList<PortBinding>> ports, IDictionary<string, EndpointSettings> networks, DockerClusterOptions options)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{port}/tcp");
        if (ports.TryGetValue(key, out var bindings) && bindings?.FirstOrDefault(b => !string.IsNullOrEmpty(b.HostPort)) is { } binding)
        {
            var host = binding.HostIP is null or "" or "0.0.0.0" or "::" ? options.PublishAddress : binding.HostIP;
            return Http(host, binding.HostPort);
        }

        var address = networks.OrderBy(n => n.Key == options.AccessNetwork ? 0 : 1).ThenBy(n => n.Key, StringComparer.Ordinal)
            .Select(n => n.Value?.IPAddress).FirstOrDefault(ip => !string.IsNullOrEmpty(ip));
        return address is null ? null : Http(address, port.ToString(CultureInfo.InvariantCulture));
    }

    private static Uri Http(string host, string port) =>
        new(string.Create(CultureInfo.InvariantCulture, $"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}/"));

    private static int Port(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : fallback;

    [GeneratedRegex("^[a-z][a-z0-9-]*-[0-9]+$")]
    private static partial Regex NodeNamePattern();
}
