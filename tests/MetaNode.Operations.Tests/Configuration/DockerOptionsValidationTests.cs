using MetaNode.Operations.Configuration;
using MetaNode.Testing;

namespace MetaNode.Operations.Tests.Configuration;

/// <summary><c>Dashboard:Cluster:Docker</c> is validated on start, one message per key at fault.</summary>
public sealed class DockerOptionsValidationTests
{
    private static IReadOnlyList<string> Validate(DockerClusterOptions docker) =>
        new DashboardOptionsValidator().Validate(null, new DashboardOptions { Cluster = new ClusterOptions { Docker = docker } }).Failures?.ToList() ?? [];

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.Empty(Validate(new DockerClusterOptions()));
    }

    [Fact]
    public void Validate_EveryKeyWrong_OneMessagePerKeyNamingKeyAndRule()
    {
        var failures = Validate(new DockerClusterOptions
        {
            Endpoint = "ssh://docker-host",
            Image = "metanode devnet",
            NamePrefix = "Upper!",
            ClusterNetwork = "-bad",
            AccessNetwork = "-bad",
            PublishAddress = "localhost",
            PortRangeStart = 80,
            PortRangeEnd = 90,
            Resources = new DockerResourceOptions { Cpus = -1, MemoryMegabytes = 8 },
            StopTimeout = TimeSpan.Zero,
            StartTimeout = TimeSpan.FromHours(1),
            StatsInterval = TimeSpan.FromMilliseconds(10),
        });

        Assert.Equal(
            [
                "Dashboard:Cluster:Docker:Endpoint: must be unix:///path/to/docker.sock or tcp://host:port (was 'ssh://docker-host')",
                "Dashboard:Cluster:Docker:Image: must name an image without spaces, e.g. metanode-devnet:local (was 'metanode devnet')",
                "Dashboard:Cluster:Docker:NamePrefix: must be 1-30 lowercase letters, digits, '-', '_' or '.', starting with a letter or digit (was 'Upper!')",
                "Dashboard:Cluster:Docker:ClusterNetwork: must be a Docker network name: letters, digits, '-', '_' or '.', starting with a letter or digit (was '-bad')",
                "Dashboard:Cluster:Docker:AccessNetwork: must be a Docker network name: letters, digits, '-', '_' or '.', starting with a letter or digit (was '-bad')",
                "Dashboard:Cluster:Docker:AccessNetwork: must differ from ClusterNetwork ('-bad'): a node cut from its peers must keep the dashboard's path",
                "Dashboard:Cluster:Docker:PublishAddress: must be an IP address of the Docker host (was 'localhost')",
                "Dashboard:Cluster:Docker:PortRangeStart: must be between 1024 and 65535 (was 80)",
                "Dashboard:Cluster:Docker:PortRangeEnd: must be between 1024 and 65535 (was 90)",
                "Dashboard:Cluster:Docker:PortRangeEnd: must leave at least 32 ports after PortRangeStart (range was 80-90)",
                "Dashboard:Cluster:Docker:Resources:Cpus: must be between 0 and 256 (was -1)",
                "Dashboard:Cluster:Docker:Resources:MemoryMegabytes: must be 0 (no limit) or between 32 and 1048576 (was 8)",
                "Dashboard:Cluster:Docker:StopTimeout: must be between 00:00:01 and 00:05:00 (was 00:00:00)",
                "Dashboard:Cluster:Docker:StartTimeout: must be between 00:00:01 and 00:05:00 (was 01:00:00)",
                "Dashboard:Cluster:Docker:StatsInterval: must be between 00:00:01 and 01:00:00 (was 00:00:00.0100000)",
            ],
            failures);
    }

    [Fact]
    public void Validate_TlsOnAUnixSocket_SaysTlsNeedsTcp()
    {
        var failure = Assert.Single(Validate(new DockerClusterOptions { Tls = new DockerTlsOptions { Certificate = "/etc/docker/cert.pem" } }));

        Assert.Equal("Dashboard:Cluster:Docker:Tls:Certificate: TLS needs a tcp:// or https:// Endpoint (the endpoint is unix://)", failure);
    }

    [Fact]
    public void Validate_TlsCertificateWithoutKeyAndMissingFiles_NamesEachKey()
    {
        using var folder = new TempDirectory();
        var ca = folder.Combine("ca.pem");
        File.WriteAllText(ca, "-----BEGIN CERTIFICATE-----");

        var failures = Validate(new DockerClusterOptions
        {
            Endpoint = "tcp://docker-host:2376",
            Tls = new DockerTlsOptions { CaCertificate = ca, Certificate = folder.Combine("missing-cert.pem") },
        });

        Assert.Equal(
            [
                "Dashboard:Cluster:Docker:Tls:Key: is needed too: a client certificate takes both a certificate and a key file (PEM)",
                $"Dashboard:Cluster:Docker:Tls:Certificate: must name a readable PEM file (no file at '{folder.Combine("missing-cert.pem")}')",
            ],
            failures);
    }

    [Fact]
    public void Validate_TcpEndpointWithoutPort_AsksForHostAndPort()
    {
        var failure = Assert.Single(Validate(new DockerClusterOptions { Endpoint = "tcp://docker-host" }));

        Assert.Equal("Dashboard:Cluster:Docker:Endpoint: must name the engine's host and port, e.g. tcp://docker-host:2376 (was 'tcp://docker-host')", failure);
    }

    [Fact]
    public void Validate_AppOnDocker_IsAccepted()
    {
        var options = new DashboardOptions
        {
            Apps = { ["my-app"] = new AppOptions { Provider = "Docker", Components = { ["validator"] = new ComponentOptions { Replicas = 3 } } } },
        };

        Assert.Empty(new DashboardOptionsValidator().Validate(null, options).Failures ?? []);
    }
}
