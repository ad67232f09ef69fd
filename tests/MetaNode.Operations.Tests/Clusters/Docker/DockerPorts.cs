namespace MetaNode.Operations.Tests.Clusters.Docker;

/// <summary>Host ports for Docker tests: 36000-36999, away from the other suites, in blocks of 100 per cluster.</summary>
internal static class DockerPorts
{
    private const int First = 36000;
    private const int Size = 100;
    private const int Blocks = 10;
    private static int _next = Environment.ProcessId % Blocks;

    public static (int Start, int End) Next()
    {
        var block = Interlocked.Increment(ref _next) % Blocks;
        var start = First + (block * Size);
        return (start, start + Size - 1);
    }
}
