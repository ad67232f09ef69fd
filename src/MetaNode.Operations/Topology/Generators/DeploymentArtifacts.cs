using System.IO.Compression;
using System.Text;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Generators.Compose;
using MetaNode.Operations.Topology.Generators.Kubernetes;

namespace MetaNode.Operations.Topology.Generators;

/// <summary>Every deployment artifact of a design in one set, and as a zip to download.</summary>
public static class DeploymentArtifacts
{
    /// <summary>The folder of the Kubernetes manifests in <see cref="Generate"/>'s set.</summary>
    public const string KubernetesFolder = "kubernetes";

    /// <summary>The folder of the compose file and its haproxy.cfg.</summary>
    public const string ComposeFolder = "compose";

    /// <summary><c>kubernetes/*.yaml</c>, then <c>compose/docker-compose.yml</c> and <c>compose/haproxy.cfg</c>.</summary>
    public static IReadOnlyList<GeneratedFile> Generate(TopologyDesign design, GeneratorOptions options) =>
    [
        .. KubernetesManifestGenerator.Generate(design, options).Select(f => f.In(KubernetesFolder)),
        .. ComposeFileGenerator.Generate(design, options).Select(f => f.In(ComposeFolder)),
    ];

    /// <summary>A zip of <paramref name="files"/> (UTF-8, no byte order mark), by their names.</summary>
    public static byte[] ToZip(IEnumerable<GeneratedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                var entry = zip.CreateEntry(file.Name, CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(file.Content));
            }
        }

        return buffer.ToArray();
    }
}
