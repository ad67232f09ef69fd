using System.Text;
using k8s;
using k8s.Models;
using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Topology.Generators.Kubernetes;

/// <summary>
/// Turns a design into Kubernetes manifests: the namespace, per component a headless Service, a
/// StatefulSet and a PodDisruptionBudget (one file per component), a ClusterIP Service in front of
/// the blockchain nodes' JSON-RPC, and a <c>kustomization.yaml</c> listing them all
/// (<c>kubectl apply -k .</c>). A pure function of its inputs; expects a design that passed validation.
/// </summary>
public static class KubernetesManifestGenerator
{
    /// <summary>The kustomization's file name.</summary>
    public const string KustomizationFile = "kustomization.yaml";

    private const string NamespaceFile = "namespace.yaml";
    private const string RpcServiceFile = "rpc-service.yaml";

    /// <summary>The manifests of <paramref name="design"/>: namespace, RPC entry, one file per component, then the kustomization.</summary>
    public static IReadOnlyList<GeneratedFile> Generate(TopologyDesign design, GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(options);
        var ns = options.Namespace ?? design.Name;
        var layout = ChainLayout.Of(design);
        var budgets = DisruptionBudgets.MinAvailable(design, layout);
        var header = Header(design, options);

        var files = new List<GeneratedFile> { new(NamespaceFile, header + Yaml(Namespace(design.Name, ns))) };
        if (design.Components.Any(c => c.Role == ComponentRole.Blockchain))
        {
            files.Add(new GeneratedFile(RpcServiceFile, header + Yaml(RpcService(design, ns))));
        }

        foreach (var component in design.Components)
        {
            files.Add(new GeneratedFile(
                ComponentFile(component.Name),
                header + Yaml(
                    KubernetesWorkload.HeadlessService(design.Name, ns, component),
                    KubernetesWorkload.StatefulSet(design, layout, ns, component, options.GenesisTime),
                    KubernetesWorkload.DisruptionBudget(design.Name, ns, component, budgets[component.Name]))));
        }

        files.Add(new GeneratedFile(KustomizationFile, header + Kustomization(files)));
        return files;
    }

    /// <summary>The name of the client-facing JSON-RPC Service: <c>{app}-rpc</c>.</summary>
    public static string RpcServiceName(TopologyDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        return design.Name + "-rpc";
    }

    // A component named like a fixed file must not overwrite it.
    private static string ComponentFile(string component) =>
        component is "namespace" or "rpc-service" or "kustomization" ? component + "-component.yaml" : component + ".yaml";

    private static V1Namespace Namespace(string app, string ns)
    {
        var labels = KubernetesLabels.OfApp(app);
        // The pods run as nobody, without privileges or capabilities: they meet the restricted Pod Security Standard.
        labels["pod-security.kubernetes.io/enforce"] = "restricted";
        return new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = KubernetesWorkload.Metadata(ns, null, labels) };
    }

    /// <summary>
    /// The app's JSON-RPC entry: a ClusterIP Service over every blockchain node, by role, on each
    /// component's named port. Only ready pods (those whose /health is ok) receive traffic.
    /// </summary>
    private static V1Service RpcService(TopologyDesign design, string ns)
    {
        var rpcPort = design.Components.First(c => c.Role == ComponentRole.Blockchain).Ports.Rpc;
        var labels = KubernetesLabels.OfApp(design.Name);
        labels["app.kubernetes.io/component"] = "rpc";
        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = KubernetesWorkload.Metadata(RpcServiceName(design), ns, labels),
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [KubernetesLabels.App] = design.Name,
                    [KubernetesLabels.Role] = "blockchain",
                },
                Ports = [new V1ServicePort { Name = KubernetesWorkload.RpcPortName, Port = rpcPort, TargetPort = KubernetesWorkload.RpcPortName }],
            },
        };
    }

    private static string Kustomization(IEnumerable<GeneratedFile> resources)
    {
        var text = new StringBuilder()
            .Append("apiVersion: kustomize.config.k8s.io/v1beta1\n")
            .Append("kind: Kustomization\n")
            .Append("resources:\n");
        foreach (var file in resources)
        {
            text.Append("  - ").Append(file.Name).Append('\n');
        }

        return text.ToString();
    }

    private static string Yaml(params object[] objects) =>
        string.Join("---\n", objects.Select(o => KubernetesYaml.Serialize(o).ReplaceLineEndings("\n").TrimEnd('\n') + "\n"));

    private static string Header(TopologyDesign design, GeneratorOptions options) =>
        $"# Generated by MetaNode Dashboard from the topology design of '{design.Name}' ({design.Environment}).\n" +
        $"# Genesis time {options.GenesisTime.ToUnixTimeMilliseconds()} ms: keep it when regenerating, or the nodes start a new chain.\n";
}
