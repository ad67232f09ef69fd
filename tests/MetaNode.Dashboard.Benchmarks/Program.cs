using MetaNode.Dashboard.Benchmarks.Scenarios;

// dotnet run -c Release --project tests/MetaNode.Dashboard.Benchmarks -- <scenario> [options]
var scenarios = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["devnet-startup"] = DevnetStartup.RunAsync,
    ["monitor-load"] = MonitorLoad.RunAsync,
    ["detection-latency"] = DetectionLatency.RunAsync,
};

if (args.Length == 0 || !scenarios.TryGetValue(args[0], out var scenario))
{
    Console.Error.WriteLine("usage: MetaNode.Dashboard.Benchmarks <scenario> [options]");
    Console.Error.WriteLine("  devnet-startup [runs=20]");
    Console.Error.WriteLine("  monitor-load [nodes=1000] [seconds=60]");
    Console.Error.WriteLine("  detection-latency [trials=50]");
    return 2;
}

return await scenario(args[1..]);
