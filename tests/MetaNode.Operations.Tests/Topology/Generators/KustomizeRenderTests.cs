using MetaNode.Operations.Topology.Generators.Kubernetes;
using MetaNode.Testing;

namespace MetaNode.Operations.Tests.Topology.Generators;

/// <summary><c>kubectl kustomize</c> (offline) renders the generated folder into every generated object.</summary>
public sealed class KustomizeRenderTests : IDisposable
{
    private readonly TempDirectory _folder = new("metanode-kustomize");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task KubectlKustomize_GeneratedFolder_RendersEveryObject()
    {
        var kubectl = ExternalTools.Require("kubectl", "kubernetes-client");
        var manifests = GeneratedManifests.Of(SampleDesigns.MyApp());
        ExternalTools.Write(manifests.Files, _folder.Path);

        var result = await ChildProcess.RunAsync(kubectl, ["kustomize", _folder.Path], ExternalTools.Deadline, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.StandardError);
        var rendered = YamlToJson.Documents(result.StandardOutput);
        Assert.Equal(manifests.Objects.Count, rendered.Count);
        Assert.Equal(
            manifests.Objects.Select(o => Key((k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>)o)).Order(StringComparer.Ordinal),
            rendered.Select(d => $"{d!["kind"]}/{d["metadata"]!["name"]}").Order(StringComparer.Ordinal));
        Assert.All(rendered, d => Assert.Empty(KubernetesSchemas.Vendored.Validate(d!)));
    }

    [Fact]
    public async Task KubectlKustomize_KustomizationNamingAMissingFile_Fails()
    {
        var kubectl = ExternalTools.Require("kubectl", "kubernetes-client");
        var files = KubernetesManifestGenerator.Generate(SampleDesigns.MyApp(), SampleDesigns.Options).Where(f => f.Name != "validator.yaml");
        ExternalTools.Write(files, _folder.Path);

        var result = await ChildProcess.RunAsync(kubectl, ["kustomize", _folder.Path], ExternalTools.Deadline, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("validator.yaml", result.StandardError, StringComparison.Ordinal);
    }

    private static string Key(k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> o) => $"{o.Kind}/{o.Metadata.Name}";
}
