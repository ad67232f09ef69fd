using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MetaNode.Dashboard.Benchmarks.Scenarios;

/// <summary>
/// How quickly a devnet node serves after its process starts, and how much memory it holds:
/// starts the node <c>--runs</c> times (default 20) per role, timing start → first
/// <c>/health</c> 200, then reads its resident memory after 200 health requests.
/// </summary>
internal static class DevnetStartup
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var devnet = Path.Combine(AppContext.BaseDirectory, "MetaNode.Devnet");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        Console.WriteLine($"devnet-startup: {runs} runs per role on {Machine.Describe()}");
        foreach (var role in new[] { "agreement", "validator" })
        {
            var startMs = new List<double>();
            var rssMb = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var port = FreePort();
                var arguments = role == "validator"
                    ? $"--node-id validator-0 --role validator --listen 127.0.0.1:{port} --validators validator-0=http://127.0.0.1:{port}/ --quorum 1 --block-time 1s"
                    : $"--node-id agreement-0 --role agreement --listen 127.0.0.1:{port}";
                var clock = Stopwatch.StartNew();
                using var process = Process.Start(new ProcessStartInfo(devnet, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
                process.OutputDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                while (!await AnswersAsync(http, port))
                {
                    await Task.Delay(2);
                }

                startMs.Add(clock.Elapsed.TotalMilliseconds);
                for (var i = 0; i < 200; i++)
                {
                    await AnswersAsync(http, port);
                }

                process.Refresh();
                rssMb.Add(process.WorkingSet64 / (1024.0 * 1024.0));
                process.Kill();
                await process.WaitForExitAsync();
            }

            startMs.Sort();
            rssMb.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{role}: start -> first /health 200: p50 {Machine.Percentile(startMs, 50):0} ms, p95 {Machine.Percentile(startMs, 95):0} ms, max {startMs[^1]:0} ms; " +
                $"resident memory after 200 requests: p50 {Machine.Percentile(rssMb, 50):0.0} MiB, max {rssMb[^1]:0.0} MiB"));
        }

        return 0;
    }

    private static async Task<bool> AnswersAsync(HttpClient http, int port)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
