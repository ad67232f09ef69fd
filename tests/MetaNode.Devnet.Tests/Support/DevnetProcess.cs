using System.Diagnostics;
using System.Text;

namespace MetaNode.Devnet.Tests.Support;

/// <summary>
/// The real MetaNode.Devnet program (copied to the test output by the project reference), started
/// as its own process in an empty working folder, as the dashboard's local provider starts it.
/// </summary>
internal sealed class DevnetProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DevnetProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        RpcAddress = DevnetNode.UrlOf(port);
        Http = DevnetNode.CreateClient(RpcAddress, TimeSpan.FromSeconds(30));
    }

    /// <summary>The node's listen port.</summary>
    public int Port { get; }

    /// <summary>Where the node serves JSON-RPC and /health.</summary>
    public Uri RpcAddress { get; }

    /// <summary>A client for <see cref="RpcAddress"/>.</summary>
    public HttpClient Http { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Standard output and error so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The program and the arguments that run the devnet: its apphost, or <c>dotnet</c> with its dll.</summary>
    public static (string Program, IReadOnlyList<string> Prefix) Command()
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "MetaNode.Devnet.exe" : "MetaNode.Devnet");
        return File.Exists(apphost)
            ? (apphost, [])
            : ("dotnet", [Path.Combine(AppContext.BaseDirectory, "MetaNode.Devnet.dll")]);
    }

    /// <summary>Starts a node listening on <paramref name="port"/> with <paramref name="arguments"/>.</summary>
    public static DevnetProcess Start(int port, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (program, prefix) = Command();
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        // Only the settings this test gives: none inherited from whoever runs the tests.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("METANODE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var node = new DevnetProcess(process, port);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Runs the devnet with settings that make it exit at once; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        await using var node = Start(0, arguments, workingDirectory);
        var exitCode = await node.WaitForExitAsync(timeout);
        return (exitCode, node.Output);
    }

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>Asks the node to stop, as a process manager does (SIGTERM).</summary>
    public async Task TerminateAsync()
    {
        var kill = await MetaNode.Testing.ChildProcess.RunAsync(
            "kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10),
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
