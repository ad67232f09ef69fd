using k8s;
using k8s.Models;
using MetaNode.Operations.Topology.Generators.Kubernetes;

namespace MetaNode.Operations.Tests.Topology.Generators;

/// <summary>
/// Every generated Kubernetes object is what the API accepts: it reads strictly into
/// KubernetesClient's typed models and it validates against the official OpenAPI schemas. Each
/// check is shown to catch an unknown field first, so a pass means something.
/// </summary>
public sealed class KubernetesManifestStrictnessTests
{
    [Fact]
    public void Generate_TheBriefsApp_EveryObjectReadsStrictlyIntoItsTypedModel()
    {
        var manifests = GeneratedManifests.Of(SampleDesigns.MyApp());

        Assert.Single(manifests.All<V1Namespace>());
        Assert.Equal(5, manifests.All<V1Service>().Count()); // 4 headless + the RPC entry
        Assert.Equal(4, manifests.All<V1StatefulSet>().Count());
        Assert.Equal(4, manifests.All<V1PodDisruptionBudget>().Count());
        Assert.Equal(14, manifests.Objects.Count);
    }

    [Fact]
    public void StrictRead_UnknownFieldInAStatefulSet_IsRejected()
    {
        var yaml = GeneratedManifests.Of(SampleDesigns.MyApp()).File("validator.yaml").Content
            .Replace("  podManagementPolicy: Parallel\n", "  podManagementPolicy: Parallel\n  replicaCount: 5\n", StringComparison.Ordinal);

        var lenient = KubernetesYaml.LoadAllFromString(yaml, strict: false);
        var error = Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(yaml, strict: true));

        Assert.Equal(3, lenient.Count);
        Assert.Contains("replicaCount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_TheBriefsApp_EveryObjectValidatesAgainstTheOfficialSchemas()
    {
        var manifests = GeneratedManifests.Of(SampleDesigns.MyApp());
        var documents = manifests.Files
            .Where(f => f.Name != KubernetesManifestGenerator.KustomizationFile)
            .SelectMany(f => YamlToJson.Documents(f.Content).Select(d => (File: f.Name, Object: d!)))
            .ToList();

        Assert.Equal(manifests.Objects.Count, documents.Count);
        Assert.All(documents, d => Assert.Empty(KubernetesSchemas.Vendored.Validate(d.Object)));
    }

    [Fact]
    public void Generate_DesignWithoutZones_EveryObjectValidatesAgainstTheOfficialSchemas()
    {
        var manifests = GeneratedManifests.Of(SampleDesigns.NoZones());

        var errors = manifests.Files
            .Where(f => f.Name != KubernetesManifestGenerator.KustomizationFile)
            .SelectMany(f => YamlToJson.Documents(f.Content))
            .SelectMany(d => KubernetesSchemas.Vendored.Validate(d!));

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("  podManagementPolicy: Parallel\n", "  podManagementPolicy: Parallel\n  replicaCount: 5\n", "replicaCount")]
    [InlineData("  replicas: 5\n", "  replicas: five\n", "replicas")]
    [InlineData("          periodSeconds: 1\n", "          periodSeconds: often\n", "periodSeconds")]
    [InlineData("        name: node\n", "        nmae: node\n", "nmae")]
    public void SchemaValidation_BrokenStatefulSet_IsRejectedNamingTheField(string original, string broken, string field)
    {
        var yaml = GeneratedManifests.Of(SampleDesigns.MyApp()).File("validator.yaml").Content;
        Assert.Contains(original, yaml, StringComparison.Ordinal);
        var statefulSet = YamlToJson.Documents(yaml.Replace(original, broken, StringComparison.Ordinal))
            .Single(d => (string?)d!["kind"] == "StatefulSet")!;

        var errors = KubernetesSchemas.Vendored.Validate(statefulSet);

        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Contains(field, StringComparison.Ordinal));
    }

    [Fact]
    public void VendoredSchemas_CoverEveryKindTheGeneratorWrites()
    {
        Assert.Superset(
            new HashSet<string>(["v1 Namespace", "v1 Service", "apps/v1 StatefulSet", "policy/v1 PodDisruptionBudget"]),
            new HashSet<string>(KubernetesSchemas.Vendored.Kinds));
    }
}
