using System.IO.Compression;
using System.Text;
using MetaNode.Operations.Topology.Design.Validation;
using MetaNode.Operations.Topology.Generators;

namespace MetaNode.Operations.Tests.Topology.Generators;

/// <summary>The whole set of a design's deployment files, and the zip the page offers for download.</summary>
public sealed class DeploymentArtifactsTests
{
    [Fact]
    public void Generate_TheBriefsApp_KubernetesFilesThenTheComposeFolder()
    {
        var files = DeploymentArtifacts.Generate(SampleDesigns.MyApp(), SampleDesigns.Options);

        Assert.Equal(
            [
                "kubernetes/namespace.yaml", "kubernetes/rpc-service.yaml", "kubernetes/blockchain.yaml", "kubernetes/validator.yaml",
                "kubernetes/agreement.yaml", "kubernetes/ipfs.yaml", "kubernetes/kustomization.yaml",
                "compose/docker-compose.yml", "compose/haproxy.cfg",
            ],
            files.Select(f => f.Name));
        Assert.All(files, f => Assert.True(f.SizeBytes > 0));
    }

    [Fact]
    public void SampleDesigns_TheGeneratorTestsStartFrom_PassValidation()
    {
        Assert.DoesNotContain(TopologyValidator.Validate(SampleDesigns.MyApp()), i => i.IsError);
        Assert.DoesNotContain(TopologyValidator.Validate(SampleDesigns.NoZones()), i => i.IsError);
    }

    [Fact]
    public void ToZip_Files_HoldsEachByNameWithItsExactContent()
    {
        var files = DeploymentArtifacts.Generate(SampleDesigns.MyApp(), SampleDesigns.Options);

        using var zip = new ZipArchive(new MemoryStream(DeploymentArtifacts.ToZip(files)), ZipArchiveMode.Read);

        Assert.Equal(files.Select(f => f.Name), zip.Entries.Select(e => e.FullName));
        Assert.All(files, f =>
        {
            using var reader = new StreamReader(zip.GetEntry(f.Name)!.Open(), Encoding.UTF8);
            Assert.Equal(f.Content, reader.ReadToEnd());
        });
    }
}
