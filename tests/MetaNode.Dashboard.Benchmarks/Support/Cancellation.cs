using System.Runtime.InteropServices;

namespace MetaNode.Dashboard.Benchmarks.Support;

/// <summary>
/// A token cancelled by Ctrl+C or SIGTERM instead of the process dying on the spot, so that a
/// scenario's <c>finally</c> blocks still stop every process it started.
/// </summary>
internal sealed class Cancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    private Cancellation()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
    }

    public CancellationToken Token => _source.Token;

    public static Cancellation OnCtrlC() => new();

    private void Cancel(PosixSignalContext context)
    {
        context.Cancel = true;
        _source.Cancel();
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _source.Dispose();
    }
}
