using System.Diagnostics;
using System.Globalization;
using MetaNode.Testing;

namespace MetaNode.Operations.Tests.Clusters.Docker;

/// <summary>
/// Restarts the local dockerd the way an operator's <c>systemctl restart docker</c> would: SIGTERM
/// to the pid in its pid file (only if that process is dockerd), wait for it to end, start it again
/// as tests/run.sh does, and wait until it answers.
/// </summary>
internal static class DockerDaemon
{
    private const string PidFile = "/var/run/docker.pid";

    public static async Task RestartAsync(TimeSpan deadline)
    {
        var pid = int.Parse(File.ReadAllText(PidFile).Trim(), CultureInfo.InvariantCulture);
        Assert.Equal("dockerd", File.ReadAllText($"/proc/{pid}/comm").Trim());
        using (var term = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await Eventually.UntilAsync(() => !Directory.Exists($"/proc/{pid}") || File.ReadAllText($"/proc/{pid}/stat").Contains(") Z", StringComparison.Ordinal), deadline, "dockerd to stop");
        using (var start = Process.Start("/bin/sh", ["-c", "setsid dockerd >>/var/log/dockerd.log 2>&1 </dev/null &"]))
        {
            await start.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await Eventually.UntilAsync(
            async () =>
            {
                using var client = DockerTestEngine.Client();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await client.System.PingAsync(timeout.Token);
                    return true;
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    return false; // starting up: not answering yet
                }
            },
            deadline,
            "dockerd to answer again");
    }
}
