using System.Runtime.InteropServices;

namespace MetaNode.Dashboard.Benchmarks.Support;

/// <summary>POSIX signals sent straight through libc, so that a timed freeze costs no fork of <c>kill</c>.</summary>
internal static partial class Signals
{
    public const int SigKill = 9;
    public const int SigCont = 18;
    public const int SigStop = 19;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when no such process exists.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>Sends <paramref name="signal"/>, failing with the errno when the process cannot get it.</summary>
    public static void SendOrThrow(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
