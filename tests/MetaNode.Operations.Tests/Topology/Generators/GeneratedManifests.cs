using k8s;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Generators;
using MetaNode.Operations.Topology.Generators.Kubernetes;

namespace MetaNode.Operations.Tests.Topology.Generators;

/// <summary>The generated Kubernetes files of a design, read back into KubernetesClient's typed models.</summary>
internal sealed class GeneratedManifests
{
    private GeneratedManifests(IReadOnlyList<GeneratedFile> files, IReadOnlyList<object> objects)
    {
        Files = files;
        Objects = objects;
    }

    /// <summary>The files as generated.</summary>
    public IReadOnlyList<GeneratedFile> Files { get; }

    /// <summary>Every object of every manifest (the kustomization aside), in file order.</summary>
    public IReadOnlyList<object> Objects { get; }

    /// <summary>Generates the manifests of <paramref name="design"/> and reads them strictly (an unknown field throws).</summary>
    public static GeneratedManifests Of(TopologyDesign design, GeneratorOptions? options = null)
    {
        var files = KubernetesManifestGenerator.Generate(design, options ?? SampleDesigns.Options);
        var objects = files
            .Where(f => f.Name != KubernetesManifestGenerator.KustomizationFile)
            .SelectMany(f => KubernetesYaml.LoadAllFromString(f.Content, strict: true))
            .ToList();
        return new GeneratedManifests(files, objects);
    }

    /// <summary>The objects of type <typeparamref name="T"/>.</summary>
    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    /// <summary>The object of type <typeparamref name="T"/> called <paramref name="name"/>.</summary>
    public T Named<T>(string name)
        where T : k8s.Models.IMetadata<k8s.Models.V1ObjectMeta> =>
        Assert.Single(All<T>(), o => o.Metadata.Name == name);

    /// <summary>The file called <paramref name="name"/>.</summary>
    public GeneratedFile File(string name) => Assert.Single(Files, f => f.Name == name);
}
