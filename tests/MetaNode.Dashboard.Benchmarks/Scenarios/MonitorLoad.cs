using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using MetaNode.Dashboard.Benchmarks.Support;
using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Benchmarks.Scenarios;

/// <summary>
/// What watching N nodes costs the dashboard: the health engine (no web) watches every node of a
/// many-nodes devnet as one watched app, probing each once a second. Once every node is Up, the
/// dashboard's head has caught up with the chain and a settle period has passed, one window
/// measures probe throughput and latency, CPU per 1,000 probes, GC, how far the dashboard's view
/// trails the chain, and this process's memory against the same engine watching nothing, measured first.
/// </summary>
internal static class MonitorLoad
{
    private const string App = "load";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string[] args)
    {
        var nodes = Arguments.Int(args, 0, "nodes", 1000, 1, 5000);
        var seconds = Arguments.Int(args, 1, "seconds", 60, 5, 3600);
        var window = TimeSpan.FromSeconds(seconds);
        using var cancellation = Cancellation.OnCtrlC();
        var cancellationToken = cancellation.Token;
        using var probes = new ProbeMeter();

        Console.WriteLine(Invariant($"monitor-load: {nodes} nodes, window {seconds} s"));
        Console.WriteLine(Invariant($"command: dotnet run -c Release --project tests/MetaNode.Dashboard.Benchmarks -- monitor-load {nodes} {seconds}"));
        Console.WriteLine($"machine: {Machine.Describe()}");

        // 1. The same engine watching nothing: what the process holds before any node is added.
        Console.WriteLine(Invariant($"[{Clock()}] baseline: engine with 0 nodes, settle {Settle.TotalSeconds:0} s, window {seconds} s"));
        WindowFigures baseline;
        await using (var idle = await HealthEngine.StartAsync(new Dictionary<string, string?>(), cancellationToken))
        {
            await Task.Delay(Settle, cancellationToken);
            (baseline, _) = await WindowFigures.MeasureAsync(window, () => 0, cancellationToken);
        }

        // 2. N nodes on consecutive ports, one watched app over all of them.
        var basePort = Ports.FindConsecutiveFree(nodes);
        Console.WriteLine(Invariant($"[{Clock()}] starting the devnet: {nodes} nodes on 127.0.0.1:{basePort}-{basePort + nodes - 1}"));
        await using var devnet = await ManyNodesDevnet.StartAsync(basePort, nodes, TimeSpan.FromSeconds(120), cancellationToken);
        var settings = new Dictionary<string, string?>
        {
            [$"Dashboard:Apps:{App}:Provider"] = "Watched",
            [$"Dashboard:Apps:{App}:HealthChecks:Interval"] = Interval.ToString("c", CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < nodes; i++)
        {
            settings[Invariant($"Dashboard:Apps:{App}:Nodes:node-{i}:Url")] = devnet.Url(i).ToString();
        }

        Console.WriteLine(Invariant($"[{Clock()}] devnet pid {devnet.Pid} serving; starting the engine"));
        var engineClock = Stopwatch.StartNew();
        await using var engine = await HealthEngine.StartAsync(settings, cancellationToken);
        await FeedWait.UntilAsync(engine.Feed, s => AllUp(s, nodes), TimeSpan.FromSeconds(180), $"all {nodes} nodes Up", cancellationToken);
        var allUpAfter = engineClock.Elapsed;
        Console.WriteLine(Invariant($"[{Clock()}] every node Up {allUpAfter.TotalSeconds:0.0} s after the engine started; waiting for the dashboard's head to catch up with the chain"));
        long warmUpGap;
        using (var warmUpStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var warmUp = ReportProgressAsync(engine, devnet, probes, warmUpStop.Token);
            await WaitUntilCurrentAsync(engine, devnet, TimeSpan.FromSeconds(240), cancellationToken);
            await warmUpStop.CancelAsync();
            warmUpGap = await warmUp;
        }

        var currentAfter = engineClock.Elapsed;
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = ReportProgressAsync(engine, devnet, probes, progressStop.Token);
        Console.WriteLine(Invariant($"[{Clock()}] dashboard head within 1 block of the chain {currentAfter.TotalSeconds:0.0} s after the engine started; settle {Settle.TotalSeconds:0} s, window {seconds} s"));
        await Task.Delay(Settle, cancellationToken);

        var loadBefore = Machine.LoadAverage();
        var devnetCpuBefore = devnet.CpuTime;
        var versionBefore = engine.Feed.Current.Version;
        probes.Take();
        var (loaded, end) = await WindowFigures.MeasureAsync(
            window,
            () => (Probes: probes.Take(), engine.Feed.Current, DevnetCpu: devnet.CpuTime, DevnetMemory: devnet.WorkingSet),
            cancellationToken);
        var loadAfter = Machine.LoadAverage();
        var chainHead = await devnet.ChainHeadAsync(cancellationToken);
        var viewHead = engine.Feed.Current.Apps[App].HeadHeight;
        await progressStop.CancelAsync();
        var worstGap = await progress;

        var reading = end.Probes;
        var wall = loaded.Wall.TotalSeconds;
        var total = reading.Answered + reading.NoAnswer;
        var durations = reading.Durations;
        var meanLatency = durations.Count == 0 ? 0 : durations.Average();
        var policy = engine.PolicyOf(App);
        var statuses = end.Current.NodesOf(App).GroupBy(n => n.Status).ToDictionary(g => g.Key, g => g.Count());
        var report = new StringBuilder()
            .AppendLine("---- monitor-load result ----")
            .AppendLine(Invariant($"command: dotnet run -c Release --project tests/MetaNode.Dashboard.Benchmarks -- monitor-load {nodes} {seconds}"))
            .AppendLine($"machine: {Machine.Describe()}; load average before/after the window: {loadBefore} / {loadAfter}")
            .AppendLine(Invariant($"engine: 1 watched app of {nodes} nodes (devnet --many {nodes}, pid {devnet.Pid}); interval {policy.Interval.TotalMilliseconds:0} ms, timeout {policy.Timeout.TotalMilliseconds:0} ms, retries {policy.Retries}; {engine.ProbeSlots} probe slots"))
            .AppendLine(Invariant($"warm-up: every node Up {allUpAfter.TotalSeconds:0.0} s after engine start, dashboard head within 1 block of the chain after {currentAfter.TotalSeconds:0.0} s; measured window {wall:0.0} s after a further {Settle.TotalSeconds:0} s settle"))
            .AppendLine(Invariant($"probes/s: {reading.Answered / wall:0.0} answered, {reading.NoAnswer / wall:0.0} no answer (ideal {nodes / Interval.TotalSeconds:0} at one probe per node per interval)"))
            .AppendLine(Invariant($"probe round trip (answered): p50 {Machine.Percentile(durations, 50):0.0} ms, p95 {Machine.Percentile(durations, 95):0.0} ms, p99 {Machine.Percentile(durations, 99):0.0} ms, max {(durations.Count == 0 ? double.NaN : durations[^1]):0.0} ms, mean {meanLatency:0.0} ms"))
            .AppendLine(Invariant($"probes in flight (rate x mean round trip): {total / wall * meanLatency / 1000:0.0} of {engine.ProbeSlots} slots"))
            .AppendLine(Invariant($"CPU of this process: {loaded.Cpu.TotalSeconds / total * 1000:0.000} s per 1,000 probes; {loaded.CoreShare * 100:0.0} % of one core (0 nodes: {baseline.CoreShare * 100:0.0} %)"))
            .AppendLine(Invariant($"CPU of the devnet process (the load, same cores): {(end.DevnetCpu - devnetCpuBefore).TotalSeconds / wall * 100:0.0} % of one core; resident {Mib(end.DevnetMemory):0} MiB"))
            .AppendLine(Invariant($"allocated: {Mib(loaded.Allocated) / wall:0.0} MiB/s, {loaded.Allocated / (double)total / 1024:0.0} KiB per probe (0 nodes: {Mib(baseline.Allocated) / baseline.Wall.TotalSeconds:0.00} MiB/s)"))
            .AppendLine(Invariant($"GC ({(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}) in the window: {loaded.Gen0} gen0, {loaded.Gen1} gen1, {loaded.Gen2} gen2 collections; paused {loaded.GcPause.TotalMilliseconds:0} ms ({loaded.GcPause.TotalSeconds / wall * 100:0.00} % of the time) (0 nodes: {baseline.Gen0}/{baseline.Gen1}/{baseline.Gen2}, {baseline.GcPause.TotalMilliseconds:0} ms)"))
            .AppendLine(Invariant($"feed: {(end.Current.Version - versionBefore) / wall:0.0} versions/s (one per probe handled, plus events and evaluations)"))
            .AppendLine(Invariant($"head at the end: chain {chainHead} (node-0 asked directly), dashboard {viewHead}; worst gap in the 10 s samples: {warmUpGap} blocks during the warm-up, {worstGap} from the settle to the end (1 block = 1 s); active findings {end.Current.ActiveFindings(App).Count()}"))
            .AppendLine(Invariant($"nodes at the end: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}"))
            .AppendLine(Invariant($"memory of this process       {"0 nodes",10} {nodes + " nodes",12} {"difference",12}"))
            .AppendLine(MemoryRow("working set (window mean)", baseline.WorkingSet, loaded.WorkingSet))
            .AppendLine(MemoryRow("GC heap in use (window mean)", baseline.GcHeap, loaded.GcHeap))
            .AppendLine(MemoryRow("live managed after full GC", baseline.LiveManaged, loaded.LiveManaged))
            .AppendLine(Invariant($"per node: {(loaded.WorkingSet - baseline.WorkingSet) / nodes / 1024:0.0} KiB working set, {(loaded.LiveManaged - baseline.LiveManaged) / (double)nodes / 1024:0.0} KiB live managed"));
        Console.Write(report.ToString());
        return 0;
    }

    /// <summary>
    /// Waits until the head the dashboard shows is within one block of the chain's: the monitor has
    /// worked off the probe results queued while every node was first probed.
    /// </summary>
    private static async Task WaitUntilCurrentAsync(HealthEngine engine, ManyNodesDevnet devnet, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var chain = await devnet.ChainHeadAsync(cancellationToken);
            if (engine.Feed.Current.Apps.GetValueOrDefault(App)?.HeadHeight >= chain - 1)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"the dashboard's head was still behind the chain's ({chain}) after {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    /// <summary>Every 10 s: probe and feed rates, the chain's head against the dashboard's, findings, GC heap.</summary>
    /// <returns>The most blocks the dashboard's head trailed the chain's at those moments.</returns>
    private static async Task<long> ReportProgressAsync(HealthEngine engine, ManyNodesDevnet devnet, ProbeMeter probes, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var worstGap = 0L;
        var (lastProbes, lastVersion, lastAt) = (probes.Completed, engine.Feed.Current.Version, TimeSpan.Zero);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var (now, snapshot, completed) = (clock.Elapsed, engine.Feed.Current, probes.Completed);
                var span = (now - lastAt).TotalSeconds;
                var chain = await devnet.ChainHeadAsync(cancellationToken);
                Console.WriteLine(Invariant(
                    $"  [{Clock()} +{now.TotalSeconds:0} s] probes {(completed - lastProbes) / span:0}/s, feed {(snapshot.Version - lastVersion) / span:0} versions/s; head: chain {chain}, dashboard {snapshot.Apps[App].HeadHeight}; active findings {snapshot.ActiveFindings(App).Count()}; GC heap {Mib(GC.GetTotalMemory(forceFullCollection: false)):0} MiB; load {Machine.LoadAverage()}"));
                (lastProbes, lastVersion, lastAt) = (completed, snapshot.Version, now);
                worstGap = Math.Max(worstGap, chain - (snapshot.Apps[App].HeadHeight ?? 0));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return worstGap;
    }

    private static bool AllUp(HealthSnapshot snapshot, int nodes)
    {
        var up = 0;
        foreach (var node in snapshot.Nodes.Values)
        {
            if (node.Node.App == App && node.Status == NodeStatus.Up)
            {
                up++;
            }
        }

        return up == nodes;
    }

    private static string MemoryRow(string what, double idle, double loaded) =>
        Invariant($"  {what,-27} {Mib(idle),7:0.0} MiB {Mib(loaded),8:0.0} MiB {Mib(loaded - idle),8:+0.0;-0.0;0.0} MiB");

    private static double Mib(double bytes) => bytes / (1024 * 1024);

    private static string Clock() => DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
