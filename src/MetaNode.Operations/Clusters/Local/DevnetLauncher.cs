using System.Diagnostics;
using MetaNode.Operations.Configuration;

namespace MetaNode.Operations.Clusters.Local;

/// <summary>
/// Finds the MetaNode.Devnet program and starts one node process with its settings. Output goes to
/// a log file per node (not a pipe: a pipe would break, and kill the node, if the dashboard died).
/// </summary>
internal sealed class DevnetLauncher
{
    /// <summary>The command-line label that marks processes owned by one state directory.</summary>
    public const string LabelPrefix = "metanode-local:";

    // Located on first use, so a missing devnet fails the cluster operation (with a message
    // saying where it looked), not the dashboard's start.
    private readonly Lazy<(string Program, string? Dll)> _location;

    public DevnetLauncher(LocalClusterOptions options, string contentRoot)
    {
        _location = new Lazy<(string, string?)>(() => Locate(options.DevnetPath, contentRoot));
    }

    /// <summary>What runs a node, for the node page.</summary>
    public string Program => _location.IsValueCreated ? _location.Value.Dll ?? _location.Value.Program : "MetaNode.Devnet";

    /// <summary>Starts the node; the caller keeps the process to be told of its exit (and to reap it).</summary>
    public Process Start(LaunchSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var (program, dll) = _location.Value;
        Directory.CreateDirectory(Path.GetDirectoryName(spec.LogFile)!);
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = spec.DataDirectory,
        };
        // exec keeps the pid: the shell only sets up the redirection, then becomes the node. setsid
        // gives the node its own session, so a Ctrl+C meant for the dashboard does not reach it:
        // nodes stop when the dashboard stops them, in order, not all at once behind its back.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(
            "exec >>\"$MN_LOG\" 2>&1 </dev/null; " +
            "if command -v setsid >/dev/null 2>&1; then exec setsid \"$0\" \"$@\"; else exec \"$0\" \"$@\"; fi");
        start.ArgumentList.Add(program);
        if (dll is not null)
        {
            start.ArgumentList.Add(dll);
        }

        foreach (var argument in spec.Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MN_LOG"] = spec.LogFile;
        start.Environment["METANODE_ADMIN_TOKEN"] = spec.AdminToken;
        start.Environment["DOTNET_gcServer"] = "0";
        Directory.CreateDirectory(spec.DataDirectory);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        if (!process.Start())
        {
            process.Dispose();
            throw new ClusterOperationException($"could not start {program}");
        }

        return process;
    }

    private static (string Program, string? Dll) Locate(string? configured, string contentRoot)
    {
        var candidates = configured is { Length: > 0 }
            ? [Path.GetFullPath(configured, contentRoot)]
            : new[] { Path.Combine(AppContext.BaseDirectory, "MetaNode.Devnet"), Path.Combine(AppContext.BaseDirectory, "MetaNode.Devnet.dll") };
        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate))
            {
                continue;
            }

            if (candidate.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                return (DotnetHost(), candidate);
            }

            return (candidate, null);
        }

        throw new ClusterOperationException(
            $"MetaNode.Devnet was not found (looked for {string.Join(", ", candidates)}). " +
            "Build the solution, or set Dashboard:Cluster:Local:DevnetPath.");
    }

    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        return root is not null && File.Exists(Path.Combine(root, "dotnet")) ? Path.Combine(root, "dotnet") : "dotnet";
    }
}

/// <summary>Everything one node process is started with: its command line, and where its log and data go.</summary>
internal sealed record LaunchSpec
{
    public required DevnetCommandLine CommandLine { get; init; }

    public required string AdminToken { get; init; }

    public required string LogFile { get; init; }

    public string DataDirectory => CommandLine.DataDirectory;

    /// <summary>The devnet command line (the admin token travels in the environment, not here).</summary>
    public IEnumerable<string> Arguments() => CommandLine.Arguments();
}
