using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MetaNode.Dashboard.Benchmarks.Support;

/// <summary>
/// One MetaNode.Devnet process in many-nodes mode: node-0 (a validator) to node-(N-1) on
/// consecutive loopback ports, each answering JSON-RPC at <c>POST /</c> and <c>GET /health</c>.
/// Disposing kills the process by its pid.
/// </summary>
internal sealed class ManyNodesDevnet : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };

    private ManyNodesDevnet(Process process, int basePort, int count)
    {
        _process = process;
        BasePort = basePort;
        Count = count;
    }

    public int BasePort { get; }

    public int Count { get; }

    public int Pid => _process.Id;

    /// <summary>The devnet's command line, as started.</summary>
    public string CommandLine => $"MetaNode.Devnet {_process.StartInfo.Arguments}";

    /// <summary>The base address of node <paramref name="index"/>.</summary>
    public Uri Url(int index) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{BasePort + index}/"));

    /// <summary>CPU time the devnet process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The devnet process's resident memory now.</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>The chain's head as node-0 (the validator) reports it now, asked directly.</summary>
    public async Task<long> ChainHeadAsync(CancellationToken cancellationToken)
    {
        using var content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(Url(0), content, cancellationToken);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return Convert.ToInt64(answer.RootElement.GetProperty("result").GetString(), 16);
    }

    /// <summary>Starts <paramref name="count"/> nodes from <paramref name="basePort"/> and waits until every one answers /health.</summary>
    public static async Task<ManyNodesDevnet> StartAsync(int basePort, int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "MetaNode.Devnet");
        var arguments = string.Create(CultureInfo.InvariantCulture, $"--node-id bench --role blockchain --listen 127.0.0.1:{basePort} --many {count} --block-time 1s");
        var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
                      ?? throw new InvalidOperationException($"{program} did not start");
        var devnet = new ManyNodesDevnet(process, basePort, count);
        process.OutputDataReceived += (_, e) => devnet.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => devnet.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await devnet.WaitUntilEveryNodeAnswersAsync(timeout, cancellationToken);
            return devnet;
        }
        catch
        {
            await devnet.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilEveryNodeAnswersAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        var waiting = new Queue<int>(Enumerable.Range(0, Count));
        while (waiting.Count > 0)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the devnet exited with code {_process.ExitCode} while starting: {LastLines()}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{waiting.Count} of {Count} devnet nodes did not answer /health within {timeout.TotalSeconds:0} s: {LastLines()}");
            }

            var node = waiting.Peek();
            if (await AnswersAsync(http, Url(node), cancellationToken))
            {
                waiting.Dequeue();
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken); // the process is still binding its ports
            }
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri node, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(node, "health"), cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 20)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private string LastLines()
    {
        lock (_lastLines)
        {
            return string.Join(" | ", _lastLines);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
            _http.Dispose();
        }
    }
}
