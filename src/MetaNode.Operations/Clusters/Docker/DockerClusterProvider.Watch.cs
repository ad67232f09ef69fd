using System.Globalization;
using System.Text.Json;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace MetaNode.Operations.Clusters.Docker;

/// <summary>
/// Following the engine: its event stream turns a container's death, stop or pause into a
/// <see cref="ClusterEvent"/> at once; when the stream breaks (the engine restarted), the provider
/// reconnects with backoff, lists the containers again and reports every change it missed.
/// </summary>
internal sealed partial class DockerClusterProvider
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    /// <summary>Opens the stream of container events for labelled containers; events queue in it until read.</summary>
    private async Task<Stream> OpenEventStreamAsync(CancellationToken cancellationToken)
    {
        var parameters = new ContainerEventsParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true },
                ["label"] = new Dictionary<string, bool> { [DockerLabels.App] = true },
            },
        };

        // The overload that hands back the open stream: the containers are listed only after the
        // stream is open, so nothing that happens in between is missed.
#pragma warning disable CS0618
        return await _engine.CallAsync(() => _engine.Client.System.MonitorEventsAsync(parameters, cancellationToken), "open its event stream");
#pragma warning restore CS0618
    }

    /// <summary>Reads the event stream until the provider is disposed, reconnecting whenever it breaks.</summary>
    private async Task FollowAsync(Stream stream, CancellationToken cancellationToken)
    {
        var failures = 0;
        Stream? current = stream;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (current is null)
                {
                    await _engine.ConnectAsync(cancellationToken);
                    current = await OpenEventStreamAsync(cancellationToken);
                    await RefreshAsync(cancellationToken);
                    Watching = true;
                    LogReconnected(_logger, _engine.Endpoint, failures);
                    failures = 0;
                }

                await ReadEventsAsync(current, cancellationToken);
                LogStreamEnded(_logger, _engine.Endpoint);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Whatever broke the stream (engine gone, connection reset, a line it could not read),
                // the watch must go on: it is how the dashboard learns of deaths.
                failures++;
                LogWatchFailed(_logger, _engine.Endpoint, failures, ex.Message);
            }
            finally
            {
                if (current is not null)
                {
                    await current.DisposeAsync();
                    current = null;
                }
            }

            Watching = false;
            var backoff = TimeSpan.FromTicks(Math.Min(LastRetry.Ticks, FirstRetry.Ticks << Math.Min(failures, 8)));
            await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ReadEventsAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var engineEvent = JsonSerializer.Deserialize<EngineEvent>(line);
            if (engineEvent is { Type: "container", ContainerId: not null, Action: not null })
            {
                await OnEventAsync(engineEvent, cancellationToken);
            }
        }
    }

    private async Task OnEventAsync(EngineEvent engineEvent, CancellationToken cancellationToken)
    {
        var action = engineEvent.Action!;
        var node = NodeOfContainer(engineEvent.ContainerId!);
        switch (action)
        {
            case "die" when node is not null:
                OnEnded(node, ExitDetail(node, engineEvent.Attribute("exitCode")));
                break;
            case "kill" when node is not null && engineEvent.Attribute("signal") is "9" or "SIGKILL":
                // A SIGKILL cannot be survived: the node is gone now, not when the engine reaps it.
                OnEnded(node, node.Expected == ExpectedExit.Kill ? "killed (SIGKILL) by the dashboard" : "killed (SIGKILL) outside the dashboard");
                break;
            case "stop" when node is not null && node.State != NodeRunState.Stopped && node.Expected == ExpectedExit.None:
                Transition(node, NodeRunState.Stopped, "stopped outside the dashboard (docker stop)");
                break;
            case "pause" when node is not null:
                Transition(node, NodeRunState.Paused, node.State == NodeRunState.Paused ? null : "frozen (docker pause)");
                break;
            case "unpause" when node is not null:
                Transition(node, NodeRunState.Running, "thawed (docker unpause)");
                break;
            case "destroy" when node is not null && node.Expected != ExpectedExit.Replace:
                Forget(node, "its container was removed");
                break;
            case "create" or "start" or "rename":
                await TrackContainerAsync(engineEvent.ContainerId!, cancellationToken);
                break;
            default:
                if (node is not null && action.StartsWith("health_status", StringComparison.Ordinal))
                {
                    Publish(node, ClusterEventKind.HealthChanged, "Docker health check: " + action["health_status".Length..].TrimStart(':', ' '));
                }

                break;
        }
    }

    private void OnEnded(DockerNode node, string detail)
    {
        NodeRunState state;
        lock (_sync)
        {
            state = node.Expected == ExpectedExit.Stop || node.State == NodeRunState.Stopped ? NodeRunState.Stopped : NodeRunState.Exited;
        }

        Transition(node, state, state == NodeRunState.Stopped && node.Expected == ExpectedExit.Stop ? "stopped by the dashboard" : detail);
    }

    private static string ExitDetail(DockerNode node, string? exitCode)
    {
        if (node.Expected == ExpectedExit.Kill)
        {
            return "killed (SIGKILL) by the dashboard";
        }

        return int.TryParse(exitCode, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) switch
        {
            false => "exited",
            true when code > 128 => string.Create(CultureInfo.InvariantCulture, $"exited: killed by signal {code - 128}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"exited with code {code}"),
        };
    }

    /// <summary>
    /// Moves <paramref name="node"/> to <paramref name="state"/> and reports the change once: the
    /// event stream and the operation that caused it both call this, whichever comes first reports.
    /// </summary>
    private void Transition(DockerNode node, NodeRunState state, string? detail)
    {
        NodeRunState before;
        lock (_sync)
        {
            before = node.State;
            if (before == state)
            {
                return;
            }

            node.State = state;
            if (state is NodeRunState.Running or NodeRunState.Starting)
            {
                node.Expected = ExpectedExit.None;
            }
        }

        ClusterEventKind? kind = state switch
        {
            NodeRunState.Running when before == NodeRunState.Paused => ClusterEventKind.Resumed,
            NodeRunState.Running => ClusterEventKind.Started,
            NodeRunState.Paused => ClusterEventKind.Paused,
            NodeRunState.Stopped => ClusterEventKind.Stopped,
            NodeRunState.Exited => ClusterEventKind.Exited,
            _ => null,
        };
        if (kind is { } reported)
        {
            if (reported == ClusterEventKind.Exited)
            {
                LogNodeExited(_logger, node.Ref.Id, detail ?? "exited");
            }

            Publish(node, reported, detail);
        }
    }

    /// <summary>Reads <paramref name="node"/>'s container again and reports what changed.</summary>
    private async Task SyncAsync(DockerNode node, string detail, CancellationToken cancellationToken)
    {
        var inspected = await InspectAsync(node.Container.Id, cancellationToken);
        if (inspected is null)
        {
            Forget(node, "its container is gone");
            return;
        }

        lock (_sync)
        {
            node.Container = inspected;
        }

        var state = inspected.State == NodeRunState.Exited && (node.Expected == ExpectedExit.Stop || node.State == NodeRunState.Stopped)
            ? NodeRunState.Stopped
            : inspected.State;
        Transition(node, state, detail);
    }

    /// <summary>Lists the labelled containers and brings the provider's view in line, reporting every difference.</summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var listed = await _engine.CallAsync(
            () => _engine.Client.Containers.ListContainersAsync(
                new ContainersListParameters
                {
                    All = true,
                    Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [DockerLabels.App] = true } },
                },
                cancellationToken),
            "list its containers");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in listed)
        {
            if (await TrackContainerAsync(container.ID, cancellationToken) is { } node)
            {
                seen.Add(node.Ref.Id);
            }
        }

        List<DockerNode> gone;
        lock (_sync)
        {
            gone = [.. _nodes.Values.SelectMany(n => n.Values).Where(n => !seen.Contains(n.Ref.Id))];
        }

        foreach (var node in gone)
        {
            Forget(node, "its container is gone");
        }
    }

    /// <summary>Inspects a container and tracks it as a node of a watched app (new, replaced or changed).</summary>
    private async Task<DockerNode?> TrackContainerAsync(string id, CancellationToken cancellationToken)
    {
        var container = await InspectAsync(id, cancellationToken);
        if (container is null)
        {
            return null;
        }

        DockerNode? node;
        lock (_sync)
        {
            if (!_apps.Contains(container.Ref.App))
            {
                return null;
            }

            if (!_nodes.TryGetValue(container.Ref.App, out var nodes))
            {
                nodes = new Dictionary<string, DockerNode>(StringComparer.Ordinal);
                _nodes[container.Ref.App] = nodes;
            }

            if (nodes.TryGetValue(container.Ref.Name, out node))
            {
                // Two containers claim one node: the replacement wins, then the running one.
                if (node.Container.Id != container.Id && !Prefer(container, node))
                {
                    return node;
                }

                node.Container = container;
            }
            else
            {
                // A container an apply is creating right now is coming up, not stopped.
                node = new DockerNode(container) { State = _creating.Contains(container.Ref.Id) ? NodeRunState.Starting : NodeRunState.Stopped };
                nodes[container.Ref.Name] = node;
            }

            if (node.State == NodeRunState.Starting)
            {
                return node; // an operation is starting it and reports the start once it serves
            }
        }

        var state = container.State == NodeRunState.Exited && node.State == NodeRunState.Stopped ? NodeRunState.Stopped : container.State;
        var wasRunning = node.State == NodeRunState.Running;
        Transition(node, state, state == NodeRunState.Running ? $"container {container.Name} running" : container.State.ToString().ToLowerInvariant());
        if (state == NodeRunState.Running && !wasRunning)
        {
            _ = RealignMembershipAsync(node);
        }

        return node;
    }

    private static bool Prefer(ContainerSnapshot candidate, DockerNode current) =>
        current.Expected == ExpectedExit.Replace
        || (candidate.State is NodeRunState.Running or NodeRunState.Paused && current.Container.State is not (NodeRunState.Running or NodeRunState.Paused));

    private async Task<ContainerSnapshot?> InspectAsync(string id, CancellationToken cancellationToken)
    {
        ContainerInspectResponse inspected;
        try
        {
            inspected = await _engine.CallAsync(() => _engine.Client.Containers.InspectContainerAsync(id, cancellationToken), "inspect a container");
        }
        catch (ClusterOperationException ex) when (DockerEngine.IsNotFound(ex))
        {
            return null;
        }

        var snapshot = ContainerSnapshot.From(inspected, _options, out var problem);
        if (problem is not null)
        {
            LogUnusableContainer(_logger, problem);
        }

        return snapshot;
    }

    private DockerNode? NodeOfContainer(string id)
    {
        lock (_sync)
        {
            return _nodes.Values.SelectMany(n => n.Values).FirstOrDefault(n => n.Container.Id == id);
        }
    }

    private void Forget(DockerNode node, string detail)
    {
        lock (_sync)
        {
            if (!_nodes.TryGetValue(node.Ref.App, out var nodes) || !nodes.TryGetValue(node.Ref.Name, out var current) || current != node)
            {
                return;
            }

            nodes.Remove(node.Ref.Name);
        }

        Publish(node, ClusterEventKind.Removed, detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Docker event stream from {Endpoint} failed ({Failures} in a row): {Reason}; reconnecting")]
    private static partial void LogWatchFailed(ILogger logger, Uri endpoint, int failures, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Docker event stream from {Endpoint} ended (the engine stopped?); reconnecting")]
    private static partial void LogStreamEnded(ILogger logger, Uri endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Docker engine at {Endpoint} is back after {Failures} failed attempt(s); containers listed again")]
    private static partial void LogReconnected(ILogger logger, Uri endpoint, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring a container: {Problem}")]
    private static partial void LogUnusableContainer(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{NodeId} {Detail}")]
    private static partial void LogNodeExited(ILogger logger, string nodeId, string detail);
}
