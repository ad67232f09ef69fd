using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using MetaNode.Dashboard.Benchmarks.Support;
using MetaNode.Operations.Clusters;
using MetaNode.Operations.Health;
using MetaNode.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetaNode.Dashboard.Benchmarks.Scenarios;

/// <summary>
/// How long an operator's screen lags behind a failure: the real dashboard on Kestrel with a Local
/// app (1 validator, 1 blockchain node), and a SignalR client on <c>/hubs/health</c> applying the
/// batches. Kind A kills blockchain-0 through the provider (an exit event marks it down); kind B
/// freezes its process with SIGSTOP behind the dashboard's back (only a probe can tell). Each trial
/// runs from just before the action until a Changes batch on the client shows the node Down; the
/// same moment on the feed in-process splits the figure into monitor and delivery.
/// </summary>
internal static class DetectionLatency
{
    private const string App = "bench";
    private const string Target = "blockchain-0";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan HubBatchWindow = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan DownDeadline = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan UpDeadline = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        var trials = Arguments.Int(args, 0, "trials", 50, 1, 1000);
        using var cancellation = Cancellation.OnCtrlC();
        var cancellationToken = cancellation.Token;
        Console.WriteLine(Invariant($"detection-latency: {trials} trials per kind"));
        Console.WriteLine(Invariant($"command: dotnet run -c Release --project tests/MetaNode.Dashboard.Benchmarks -- detection-latency {trials}"));
        Console.WriteLine($"machine: {Machine.Describe()}");

        using var data = new TempDirectory("metanode-bench-detect");
        var nodePids = new HashSet<int>();
        int? frozen = null;
        DashboardTestHost? host = null;
        HubConnection? connection = null;
        try
        {
            host = await DashboardTestHost.StartAsync(
                new DashboardTestHostOptions { DataDirectory = data.Path, UseKestrel = true, Port = 0, Settings = Settings(data) },
                cancellationToken);
            var feed = host.Services.GetRequiredService<IHealthFeed>();
            var provider = host.Services.GetRequiredService<ClusterRegistry>().For(App);
            await FeedWait.UntilAsync(feed, s => s.NodesOf(App).Count() == 2 && s.NodesOf(App).All(n => n.Status == NodeStatus.Up), UpDeadline, "both nodes of the app Up", cancellationToken);
            Remember(provider, nodePids);

            var nodeId = $"{App}/{Target}";
            var client = new StatusWatch(nodeId);
            var onFeed = new StatusWatch(nodeId);
            using var feedReader = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reading = ReadFeedAsync(feed, onFeed, feedReader.Token);
            connection = new HubConnectionBuilder()
                .WithUrl(new Uri(host.BaseAddress, "hubs/health"))
                .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter())) // the hub speaks enums as words
                .ConfigureLogging(logging => logging.AddSimpleConsole(options => options.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
                .Build();
            connection.On<HealthSnapshot>("Snapshot", snapshot => client.Observe(snapshot.Nodes.Values));
            connection.On<HealthBatch>("Changes", batch => client.Observe(batch.Nodes));
            await connection.StartAsync(cancellationToken);
            Console.WriteLine(Invariant($"[{Clock()}] dashboard at {host.BaseAddress}, SignalR client connected; running kind A (kill)"));

            // The moment of the fault relative to the probe loop decides a hang's detection time;
            // a random delay (fixed seed) spreads the trials over the whole interval.
            var phase = new Random(20261127);
            var loadBefore = Machine.LoadAverage();
            var kill = new Trials("A kill -> Down");
            for (var i = 0; i < trials; i++)
            {
                await BeforeTrialAsync(client, kill, phase, cancellationToken);
                var node = provider.Nodes(App).Single(n => n.Ref.Name == Target);
                var clientDown = client.Next(NodeStatus.Down);
                var feedDown = onFeed.Next(NodeStatus.Down);
                var start = Stopwatch.GetTimestamp();
                await provider.KillAsync(node.Ref, cancellationToken);
                kill.Add(start, await clientDown.WaitAsync(DownDeadline, cancellationToken), await feedDown.WaitAsync(DownDeadline, cancellationToken));

                var up = client.Next(NodeStatus.Up);
                var restart = Stopwatch.GetTimestamp();
                await provider.StartAsync(node.Ref, cancellationToken);
                Remember(provider, nodePids);
                kill.Recovered(Stopwatch.GetElapsedTime(restart, (await up.WaitAsync(UpDeadline, cancellationToken)).Timestamp));
            }

            Console.WriteLine(Invariant($"[{Clock()}] running kind B (SIGSTOP)"));
            var hang = new Trials("B hang -> Down");
            for (var i = 0; i < trials; i++)
            {
                await BeforeTrialAsync(client, hang, phase, cancellationToken);
                var pid = int.Parse(provider.Nodes(App).Single(n => n.Ref.Name == Target).Facts["PID"], CultureInfo.InvariantCulture);
                var clientDown = client.Next(NodeStatus.Down);
                var feedDown = onFeed.Next(NodeStatus.Down);
                var start = Stopwatch.GetTimestamp();
                Signals.SendOrThrow(pid, Signals.SigStop);
                frozen = pid;
                hang.Add(start, await clientDown.WaitAsync(DownDeadline, cancellationToken), await feedDown.WaitAsync(DownDeadline, cancellationToken));

                var up = client.Next(NodeStatus.Up);
                var resume = Stopwatch.GetTimestamp();
                Signals.SendOrThrow(pid, Signals.SigCont);
                frozen = null;
                hang.Recovered(Stopwatch.GetElapsedTime(resume, (await up.WaitAsync(UpDeadline, cancellationToken)).Timestamp));
            }

            var loadAfter = Machine.LoadAverage();
            await feedReader.CancelAsync();
            await reading;
            var bound = Interval + ProbeTimeout;
            var report = new StringBuilder()
                .AppendLine("---- detection-latency result ----")
                .AppendLine(Invariant($"command: dotnet run -c Release --project tests/MetaNode.Dashboard.Benchmarks -- detection-latency {trials}"))
                .AppendLine($"machine: {Machine.Describe()}; load average before/after the trials: {loadBefore} / {loadAfter}")
                .AppendLine(Invariant($"setup: dashboard on Kestrel, SignalR client (WebSockets) on /hubs/health; Local app {App}: validator 1, blockchain 1, block time 500 ms; health interval {Interval.TotalMilliseconds:0} ms, timeout {ProbeTimeout.TotalMilliseconds:0} ms, retries 0; hub batch window {HubBatchWindow.TotalMilliseconds:0} ms"))
                .AppendLine(kill.Describe())
                .AppendLine(hang.Describe())
                .AppendLine(Invariant($"B bound: interval + timeout = {bound.TotalMilliseconds:0} ms (a probe is due at most one interval after the freeze and gives up after the timeout), plus up to {HubBatchWindow.TotalMilliseconds:0} ms of hub batching and the last answered probe's round trip"));
            Console.Write(report.ToString());
            return 0;
        }
        finally
        {
            if (frozen is { } pid)
            {
                Signals.Send(pid, Signals.SigCont); // a frozen process cannot act on the provider's SIGTERM
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            if (host is not null)
            {
                await host.DisposeAsync();
            }

            KillLeftovers(nodePids, data.Path);
        }
    }

    private static Dictionary<string, string?> Settings(TempDirectory data) => new()
    {
        [$"Dashboard:Apps:{App}:Provider"] = "Local",
        [$"Dashboard:Apps:{App}:Components:validator:Replicas"] = "1",
        [$"Dashboard:Apps:{App}:Components:blockchain:Replicas"] = "1",
        [$"Dashboard:Apps:{App}:Consensus:BlockTime"] = "00:00:00.500",
        [$"Dashboard:Apps:{App}:Consensus:Timeout"] = "00:00:01",
        [$"Dashboard:Apps:{App}:HealthChecks:Interval"] = Interval.ToString("c", CultureInfo.InvariantCulture),
        [$"Dashboard:Apps:{App}:HealthChecks:Timeout"] = ProbeTimeout.ToString("c", CultureInfo.InvariantCulture),
        [$"Dashboard:Apps:{App}:HealthChecks:Retries"] = "0",
        [$"Dashboard:Apps:{App}:EntryPoint:Port"] = "0",
        ["Dashboard:Cluster:Local:PortRangeStart"] = "37000",
        ["Dashboard:Cluster:Local:PortRangeEnd"] = "37999",
        ["Dashboard:Cluster:Local:StateDirectory"] = data.Combine("cluster"),
    };

    /// <summary>Waits until the client shows the node Up (counting trials that found it otherwise), then a random part of an interval.</summary>
    private static async Task BeforeTrialAsync(StatusWatch client, Trials trials, Random phase, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(phase.NextDouble() * Interval.TotalMilliseconds), cancellationToken);
        if (client.Status != NodeStatus.Up)
        {
            trials.NotUpAtStart++;
            await client.Reach(NodeStatus.Up).WaitAsync(UpDeadline, cancellationToken);
        }
    }

    /// <summary>Reads the feed in-process without batching, to time the monitor apart from the hub.</summary>
    private static async Task ReadFeedAsync(IHealthFeed feed, StatusWatch watch, CancellationToken cancellationToken)
    {
        using var subscription = feed.Subscribe(TimeSpan.Zero);
        try
        {
            await foreach (var batch in subscription.ReadAllAsync(cancellationToken))
            {
                watch.Observe(batch.Nodes);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static void Remember(IClusterProvider provider, HashSet<int> pids)
    {
        foreach (var node in provider.Nodes(App))
        {
            if (node.Facts.TryGetValue("PID", out var pid))
            {
                pids.Add(int.Parse(pid, CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>
    /// Kills, by pid, any node process this run started that outlived the dashboard (a failed stop).
    /// The command line must carry this run's state folder, so a recycled pid is left alone.
    /// </summary>
    private static void KillLeftovers(IEnumerable<int> pids, string stateFolder)
    {
        foreach (var pid in pids)
        {
            string commandLine;
            try
            {
                commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            }
            catch (IOException)
            {
                continue; // gone, as it should be
            }

            if (commandLine.Contains(stateFolder, StringComparison.Ordinal))
            {
                Signals.Send(pid, Signals.SigCont);
                Signals.Send(pid, Signals.SigKill);
                Console.Error.WriteLine(Invariant($"killed node process {pid}, which outlived the dashboard"));
            }
        }
    }

    private static string Clock() => DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The measurements of one kind of trial.</summary>
    private sealed class Trials(string name)
    {
        private readonly List<double> _client = [];
        private readonly List<double> _feed = [];
        private readonly List<double> _recovery = [];
        private readonly Dictionary<string, int> _reasons = new(StringComparer.Ordinal);

        /// <summary>Trials that found the node not Up on the client after the random delay (it flapped on its own).</summary>
        public int NotUpAtStart { get; set; }

        public void Add(long start, Seen client, Seen feed)
        {
            _client.Add(Stopwatch.GetElapsedTime(start, client.Timestamp).TotalMilliseconds);
            _feed.Add(Stopwatch.GetElapsedTime(start, feed.Timestamp).TotalMilliseconds);
            var reason = client.Reason ?? "(none)";
            _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
        }

        public void Recovered(TimeSpan toUp) => _recovery.Add(toUp.TotalMilliseconds);

        public string Describe()
        {
            List<double> client = [.. _client.Order()];
            List<double> feed = [.. _feed.Order()];
            List<double> recovery = [.. _recovery.Order()];
            return Invariant($"{name}: n={client.Count}; client p50 {Machine.Percentile(client, 50):0} ms, p95 {Machine.Percentile(client, 95):0} ms, max {client[^1]:0} ms; ") +
                   Invariant($"feed in-process p50 {Machine.Percentile(feed, 50):0} ms, p95 {Machine.Percentile(feed, 95):0} ms, max {feed[^1]:0} ms; ") +
                   Invariant($"back Up on the client after restart/thaw p50 {Machine.Percentile(recovery, 50):0} ms, max {recovery[^1]:0} ms; ") +
                   Invariant($"not Up at a trial's start: {NotUpAtStart}; reasons: {string.Join("; ", _reasons.Select(r => $"\"{r.Key}\" x{r.Value}"))}");
        }
    }
}
