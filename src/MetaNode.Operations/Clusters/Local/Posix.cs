using System.Globalization;
using System.Runtime.InteropServices;

namespace MetaNode.Operations.Clusters.Local;

/// <summary>The few POSIX/Linux calls the Local provider needs: signals, /proc, pidfd.</summary>
internal static partial class Posix
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    private const long PidfdOpenSyscall = 434; // the same number on x86_64 and aarch64
    private const short PollIn = 0x1;

    /// <summary>Sends <paramref name="signal"/>; false when the process is gone.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>True when a process with <paramref name="pid"/> exists (zombies excluded).</summary>
    public static bool IsAlive(int pid) => ReadState(pid) is { } state && state != 'Z' && state != 'X';

    /// <summary>The process state letter from /proc (R, S, T for stopped, Z …), or null when gone.</summary>
    public static char? ReadState(int pid)
    {
        var stat = ReadStat(pid);
        return stat is null ? null : stat[0];
    }

    /// <summary>The process start time in clock ticks since boot; with the pid it names one process for good.</summary>
    public static long? ReadStartTime(int pid)
    {
        // Fields after the command name: state is field 3, starttime field 22.
        var stat = ReadStat(pid);
        var fields = stat?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 19 } && long.TryParse(fields[19], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    /// <summary>When a process started, from its start time in clock ticks (USER_HZ is 100 on Linux).</summary>
    public static DateTimeOffset? StartedAt(long startTicks)
    {
        try
        {
            var btime = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
            return btime is null ? null : DateTimeOffset.FromUnixTimeMilliseconds((long.Parse(btime[6..], CultureInfo.InvariantCulture) * 1000) + (startTicks * 10));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The command line of <paramref name="pid"/>, split into arguments; empty when gone.</summary>
    public static IReadOnlyList<string> ReadCommandLine(int pid)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{pid}/cmdline");
            return raw.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Every pid currently in /proc.</summary>
    public static IEnumerable<int> AllPids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0);

    /// <summary>
    /// Completes when <paramref name="pid"/> exits, for processes that are not our children (adopted
    /// after a dashboard restart). Uses a pidfd when the kernel has it, so the exit is seen at once.
    /// </summary>
    public static Task WaitForExitAsync(int pid, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(
            () => WaitForExit(pid, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private static void WaitForExit(int pid, CancellationToken cancellationToken)
    {
        var fd = (int)PidfdOpen(PidfdOpenSyscall, pid, 0);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (fd >= 0)
                {
                    var poll = new PollFd { Fd = fd, Events = PollIn };
                    if (Poll(ref poll, 1, 250) > 0)
                    {
                        return;
                    }
                }
                else if (!IsAlive(pid))
                {
                    return;
                }
                else
                {
                    Thread.Sleep(100); // no pidfd (old kernel): check /proc ten times a second
                }
            }
        }
        finally
        {
            if (fd >= 0)
            {
                _ = Close(fd);
            }
        }
    }

    private static string? ReadStat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end < 0 ? null : stat[(end + 2)..];
        }
        catch (IOException)
        {
            return null;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long PidfdOpen(long number, int pid, uint flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
