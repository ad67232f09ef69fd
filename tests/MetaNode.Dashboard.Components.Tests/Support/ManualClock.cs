namespace MetaNode.Dashboard.Components.Tests.Support;

/// <summary>
/// A clock that reads a set time, so ages and windows are exact. Timers stay real (inherited from
/// <see cref="TimeProvider"/>): the feed's 100 ms batch window and page tickers still run.
/// </summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    // Ticks in one long: the test thread sets the time while the renderer reads it.
    private long _utcTicks = now.UtcTicks;

    /// <summary>The time every reader sees (UTC).</summary>
    public DateTimeOffset Now
    {
        get => new(Volatile.Read(ref _utcTicks), TimeSpan.Zero);
        set => Volatile.Write(ref _utcTicks, value.UtcTicks);
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;
}
