using System.Globalization;
using k8s.Models;
using MetaNode.Operations.Topology.Design;

namespace MetaNode.Operations.Topology.Generators.Kubernetes;

/// <summary>The objects that run one component: a headless Service, a StatefulSet and a PodDisruptionBudget.</summary>
internal static class KubernetesWorkload
{
    /// <summary>The name of the JSON-RPC / <c>/health</c> port on pods and services.</summary>
    public const string RpcPortName = "rpc";

    private const string P2PPortName = "p2p";
    private const string DataVolume = "data";
    private const string TmpVolume = "tmp";

    // The devnet image's unprivileged user (nobody); fsGroup makes the data volume writable for it.
    private const long RunAsUser = 65534;

    /// <summary>
    /// The headless Service that gives each pod a stable name (<c>validator-0.validator</c>) for its
    /// peers. Not-ready pods are published too: a node is ready only once it reaches its peers, so
    /// hiding unready pods from DNS would keep a new chain from ever forming.
    /// </summary>
    public static V1Service HeadlessService(string app, string ns, ComponentDesign component) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Metadata(component.Name, ns, KubernetesLabels.Of(app, component)),
        Spec = new V1ServiceSpec
        {
            ClusterIP = "None",
            PublishNotReadyAddresses = true,
            Selector = KubernetesLabels.Selector(app, component),
            Ports =
            [
                new V1ServicePort { Name = RpcPortName, Port = component.Ports.Rpc, TargetPort = RpcPortName },
                new V1ServicePort { Name = P2PPortName, Port = component.Ports.P2P, TargetPort = P2PPortName },
            ],
        },
    };

    /// <summary>
    /// The StatefulSet. Pods start in parallel: with ordered start, validator-1 would wait for
    /// validator-0 to be ready, and validator-0 is ready only once it reaches peers (a deadlock).
    /// Its pods share one template, so a pod's node id comes from its own name (downward API).
    /// </summary>
    public static V1StatefulSet StatefulSet(TopologyDesign design, ChainLayout layout, string ns, ComponentDesign component, DateTimeOffset genesisTime)
    {
        var selector = KubernetesLabels.Selector(design.Name, component);
        var zones = Placement.ZonesOf(design, component);
        return new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = Metadata(component.Name, ns, KubernetesLabels.Of(design.Name, component)),
            Spec = new V1StatefulSetSpec
            {
                ServiceName = component.Name,
                Replicas = component.Replicas,
                PodManagementPolicy = "Parallel",
                UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = "RollingUpdate" },
                Selector = new V1LabelSelector { MatchLabels = selector },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = KubernetesLabels.Of(design.Name, component) },
                    Spec = new V1PodSpec
                    {
                        // Service links would add an environment variable per service; the node reads METANODE_* ones.
                        EnableServiceLinks = false,
                        TerminationGracePeriodSeconds = KubernetesProbes.Seconds(design.Policy.Maintenance.DrainTimeout),
                        SecurityContext = new V1PodSecurityContext
                        {
                            RunAsNonRoot = true,
                            RunAsUser = RunAsUser,
                            RunAsGroup = RunAsUser,
                            FsGroup = RunAsUser,
                            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                        },
                        Affinity = KubernetesScheduling.Affinity(component, zones, selector),
                        TopologySpreadConstraints = KubernetesScheduling.Spread(component, zones, selector),
                        Containers = [Container(design, layout, component, genesisTime)],
                        Volumes = [new V1Volume { Name = TmpVolume, EmptyDir = new V1EmptyDirVolumeSource() }],
                    },
                },
                VolumeClaimTemplates = component.StorageGiB > 0 ? [DataClaim(design.Name, component)] : null,
            },
        };
    }

    /// <summary>The disruption budget: at least <paramref name="minAvailable"/> pods stay through drains and evictions.</summary>
    public static V1PodDisruptionBudget DisruptionBudget(string app, string ns, ComponentDesign component, int minAvailable) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = Metadata(component.Name, ns, KubernetesLabels.Of(app, component)),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MinAvailable = minAvailable,
            Selector = new V1LabelSelector { MatchLabels = KubernetesLabels.Selector(app, component) },
        },
    };

    /// <summary>Object metadata in <paramref name="ns"/> (set on every object, so <c>kubectl apply -f</c> works without kustomize).</summary>
    public static V1ObjectMeta Metadata(string name, string? ns, IDictionary<string, string> labels) =>
        new() { Name = name, NamespaceProperty = ns, Labels = labels };

    private static V1Container Container(TopologyDesign design, ChainLayout layout, ComponentDesign component, DateTimeOffset genesisTime)
    {
        var checks = design.Policy.HealthChecks;
        var arguments = DevnetArguments.For(
            design,
            layout,
            component,
            nodeId: null,
            adminApi: false,
            genesisTime,
            node => new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{node.Name}.{node.Component.Name}:{node.Component.Ports.Rpc}/")));
        List<V1VolumeMount> mounts = [new V1VolumeMount { Name = TmpVolume, MountPath = "/tmp" }];
        if (component.StorageGiB > 0)
        {
            mounts.Insert(0, new V1VolumeMount { Name = DataVolume, MountPath = DevnetArguments.DataDirectory });
        }

        return new V1Container
        {
            Name = "node",
            Image = component.Image,
            ImagePullPolicy = "IfNotPresent",
            Args = [.. arguments],
            Env =
            [
                new V1EnvVar
                {
                    Name = DevnetArguments.NodeIdVariable,
                    ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } },
                },
            ],
            Ports =
            [
                new V1ContainerPort { Name = RpcPortName, ContainerPort = component.Ports.Rpc, Protocol = "TCP" },
                new V1ContainerPort { Name = P2PPortName, ContainerPort = component.Ports.P2P, Protocol = "TCP" },
            ],
            StartupProbe = KubernetesProbes.Startup(checks),
            ReadinessProbe = KubernetesProbes.Readiness(checks),
            LivenessProbe = KubernetesProbes.Liveness(checks, design.Policy.Failover),
            Resources = Resources(component.Resources),
            SecurityContext = new V1SecurityContext
            {
                AllowPrivilegeEscalation = false,
                ReadOnlyRootFilesystem = true,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
            },
            VolumeMounts = mounts,
        };
    }

    private static V1ResourceRequirements Resources(ResourceSpec resources) => new()
    {
        Requests = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = Millicores(resources.CpuRequestMillicores),
            ["memory"] = Mebibytes(resources.MemoryRequestMiB),
        },
        Limits = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = Millicores(resources.CpuLimitMillicores),
            ["memory"] = Mebibytes(resources.MemoryLimitMiB),
        },
    };

    private static V1PersistentVolumeClaim DataClaim(string app, ComponentDesign component) => new()
    {
        Metadata = new V1ObjectMeta { Name = DataVolume, Labels = KubernetesLabels.Selector(app, component) },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            Resources = new V1VolumeResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
                {
                    ["storage"] = new ResourceQuantity(string.Create(CultureInfo.InvariantCulture, $"{component.StorageGiB}Gi")),
                },
            },
        },
    };

    private static ResourceQuantity Millicores(int millicores) => new(string.Create(CultureInfo.InvariantCulture, $"{millicores}m"));

    private static ResourceQuantity Mebibytes(int mebibytes) => new(string.Create(CultureInfo.InvariantCulture, $"{mebibytes}Mi"));
}
