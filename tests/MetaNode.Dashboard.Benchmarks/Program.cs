using MetaNode.Dashboard.Benchmarks.Scenarios;

// dotnet run -c Release --project tests/MetaNode.Dashboard.Benchmarks -- <scenario> [options]
var scenarios = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["devnet-startup"] = DevnetStartup.RunAsync,
};

if (args.Length == 0 || !scenarios.TryGetValue(args[0], out var scenario))
{
    Console.Error.WriteLine("usage: MetaNode.Dashboard.Benchmarks <scenario> [options]");
    Console.Error.WriteLine("scenarios: " + string.Join(", ", scenarios.Keys));
    return 2;
}

return await scenario(args[1..]);
