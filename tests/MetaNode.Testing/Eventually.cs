using System.Diagnostics;
using Xunit;

namespace MetaNode.Testing;

/// <summary>
/// Waits for a condition with a deadline. Tests never sleep for a fixed time: they state what
/// they wait for and how long it may take at most on a loaded machine.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                last = ex;
            }

            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}." +
                    (last is null ? string.Empty : $" Last error: {last.GetType().Name}: {last.Message}"));
    }

    /// <summary>Synchronous-condition overload.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what);
}
