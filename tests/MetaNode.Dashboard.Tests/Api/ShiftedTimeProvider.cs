namespace MetaNode.Dashboard.Tests.Api;

/// <summary>
/// The system clock plus an offset a test can move forward. Timers and timestamps keep running
/// normally (the monitor keeps probing); only "now" jumps, as it does for a key that ages.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    /// <summary>Moves "now" forward by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
