using MetaNode.Operations.Topology.Generators;
using MetaNode.Testing;

namespace MetaNode.Operations.Tests.Topology.Generators;

/// <summary>The command-line tools the generated files are checked with (tests/run.sh installs them).</summary>
internal static class ExternalTools
{
    /// <summary>How long one tool run may take.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The full path of <paramref name="tool"/> on PATH (or in the sbin folders, where Debian puts haproxy); skips or fails when absent.</summary>
    public static string Require(string tool, string package)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin"]);
        var path = folders.Select(f => Path.Combine(f, tool)).FirstOrDefault(File.Exists);
        Prerequisite.Require(path is not null, $"{tool} is not installed (Debian package {package}; tests/run.sh installs it)");
        return path!;
    }

    /// <summary>Writes <paramref name="files"/> under <paramref name="folder"/> by their names.</summary>
    public static void Write(IEnumerable<GeneratedFile> files, string folder)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(folder, file.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }
    }
}
