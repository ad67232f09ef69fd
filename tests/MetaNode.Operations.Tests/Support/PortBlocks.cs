namespace MetaNode.Operations.Tests.Support;

/// <summary>
/// Hands each test cluster its own port range, so clusters of parallel tests never meet. This
/// assembly owns 20000-29999; other test assemblies use other ranges.
/// </summary>
internal static class PortBlocks
{
    private const int First = 20000;
    private const int Size = 100;
    private const int Blocks = 100;
    private static int _next = Environment.ProcessId % Blocks;

    /// <summary>The next block of <see cref="Size"/> ports: (start, end).</summary>
    public static (int Start, int End) Next()
    {
        var block = Interlocked.Increment(ref _next) % Blocks;
        var start = First + (block * Size);
        return (start, start + Size - 1);
    }
}
