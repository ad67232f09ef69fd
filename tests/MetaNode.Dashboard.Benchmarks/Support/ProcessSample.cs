using System.Diagnostics;

namespace MetaNode.Dashboard.Benchmarks.Support;

/// <summary>This process's CPU, memory and GC counters at one moment.</summary>
internal sealed record ProcessSample(long Timestamp, TimeSpan Cpu, long WorkingSet, long GcHeap, long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan GcPause)
{
    public static ProcessSample Now()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessSample(
            Stopwatch.GetTimestamp(),
            process.TotalProcessorTime,
            process.WorkingSet64,
            GC.GetTotalMemory(forceFullCollection: false),
            GC.GetTotalAllocatedBytes(precise: false),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration());
    }

    /// <summary>Wall time from <paramref name="earlier"/> to this sample.</summary>
    public TimeSpan Since(ProcessSample earlier) => Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp);
}

/// <summary>What this process did over a measured window.</summary>
/// <param name="Wall">The window's length.</param>
/// <param name="Cpu">CPU time used in the window.</param>
/// <param name="WorkingSet">Mean resident memory over the window (sampled each second).</param>
/// <param name="GcHeap">Mean managed heap in use (live objects and garbage not yet collected) over the window.</param>
/// <param name="Allocated">Bytes allocated in the window.</param>
/// <param name="LiveManaged">Managed bytes still reachable after a full, blocking collection at the end.</param>
/// <param name="Gen0">Collections of generation 0 (any collection counts here).</param>
/// <param name="Gen1">Collections of generation 1 (and 2).</param>
/// <param name="Gen2">Full collections.</param>
/// <param name="GcPause">Time the runtime was paused for collections.</param>
internal sealed record WindowFigures(TimeSpan Wall, TimeSpan Cpu, double WorkingSet, double GcHeap, long Allocated, long LiveManaged, int Gen0, int Gen1, int Gen2, TimeSpan GcPause)
{
    /// <summary>CPU used as a share of one core.</summary>
    public double CoreShare => Cpu / Wall;

    /// <summary>
    /// Measures this process over <paramref name="window"/>, sampling memory each second; calls
    /// <paramref name="readAtEnd"/> at the window's end, before the closing full collection.
    /// </summary>
    public static async Task<(WindowFigures Figures, T AtEnd)> MeasureAsync<T>(TimeSpan window, Func<T> readAtEnd, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readAtEnd);
        var start = ProcessSample.Now();
        var samples = new List<ProcessSample>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (Stopwatch.GetElapsedTime(start.Timestamp) < window && await timer.WaitForNextTickAsync(cancellationToken))
        {
            samples.Add(ProcessSample.Now());
        }

        var end = samples[^1];
        var atEnd = readAtEnd();
        var live = GC.GetTotalMemory(forceFullCollection: true);
        var figures = new WindowFigures(
            end.Since(start),
            end.Cpu - start.Cpu,
            samples.Average(s => (double)s.WorkingSet),
            samples.Average(s => (double)s.GcHeap),
            end.Allocated - start.Allocated,
            live,
            end.Gen0 - start.Gen0,
            end.Gen1 - start.Gen1,
            end.Gen2 - start.Gen2,
            end.GcPause - start.GcPause);
        return (figures, atEnd);
    }
}
