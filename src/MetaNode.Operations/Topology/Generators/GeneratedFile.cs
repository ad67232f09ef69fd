using System.Text;

namespace MetaNode.Operations.Topology.Generators;

/// <summary>One text file a generator produced: its name (a relative path, <c>/</c>-separated) and content.</summary>
/// <param name="Name">Where the file goes, relative to the folder it is written to (<c>validator.yaml</c>, <c>kubernetes/validator.yaml</c>).</param>
/// <param name="Content">UTF-8 text with <c>\n</c> line ends.</param>
public sealed record GeneratedFile(string Name, string Content)
{
    /// <summary>The file's size in bytes once written as UTF-8.</summary>
    public int SizeBytes => Encoding.UTF8.GetByteCount(Content);

    /// <summary>The same file under <paramref name="folder"/> (<c>kubernetes/</c> + name).</summary>
    public GeneratedFile In(string folder) => this with { Name = $"{folder.TrimEnd('/')}/{Name}" };
}
