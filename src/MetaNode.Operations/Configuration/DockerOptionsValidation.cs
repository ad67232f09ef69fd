using System.Globalization;
using System.Text.RegularExpressions;

namespace MetaNode.Operations.Configuration;

/// <summary>The rules of <c>Dashboard:Cluster:Docker</c>, one message per key at fault.</summary>
internal static partial class DockerOptionsValidation
{
    public static void Validate(ConfigurationErrors errors, DockerClusterOptions docker)
    {
        var scheme = ValidateEndpoint(errors, docker.Endpoint);
        ValidateTls(errors.Section("Tls"), docker.Tls, scheme);

        if (string.IsNullOrWhiteSpace(docker.Image) || docker.Image.Any(char.IsWhiteSpace))
        {
            errors.Add("Image", $"must name an image without spaces, e.g. metanode-devnet:local (was '{docker.Image}')");
        }

        if (!PrefixPattern().IsMatch(docker.NamePrefix))
        {
            errors.Add("NamePrefix", $"must be 1-30 lowercase letters, digits, '-', '_' or '.', starting with a letter or digit (was '{docker.NamePrefix}')");
        }

        foreach (var (key, name) in new[] { ("ClusterNetwork", docker.ClusterNetwork), ("AccessNetwork", docker.AccessNetwork) })
        {
            if (!NetworkPattern().IsMatch(name ?? string.Empty))
            {
                errors.Add(key, $"must be a Docker network name: letters, digits, '-', '_' or '.', starting with a letter or digit (was '{name}')");
            }
        }

        if (string.Equals(docker.ClusterNetwork, docker.AccessNetwork, StringComparison.Ordinal))
        {
            errors.Add("AccessNetwork", $"must differ from ClusterNetwork ('{docker.ClusterNetwork}'): a node cut from its peers must keep the dashboard's path");
        }

        if (!System.Net.IPAddress.TryParse(docker.PublishAddress, out _))
        {
            errors.Add("PublishAddress", $"must be an IP address of the Docker host (was '{docker.PublishAddress}')");
        }

        errors.RequireRange("PortRangeStart", docker.PortRangeStart, 1024, 65535);
        errors.RequireRange("PortRangeEnd", docker.PortRangeEnd, 1024, 65535);
        if (docker.PortRangeEnd - docker.PortRangeStart < 31)
        {
            errors.Add("PortRangeEnd", $"must leave at least 32 ports after PortRangeStart (range was {docker.PortRangeStart}-{docker.PortRangeEnd})");
        }

        var resources = errors.Section("Resources");
        resources.RequireRange("Cpus", docker.Resources.Cpus, 0.0, 256.0);
        if (docker.Resources.MemoryMegabytes is not 0 and < 32 || docker.Resources.MemoryMegabytes > 1_048_576)
        {
            resources.Add("MemoryMegabytes", string.Create(CultureInfo.InvariantCulture, $"must be 0 (no limit) or between 32 and 1048576 (was {docker.Resources.MemoryMegabytes})"));
        }

        // The engine counts the stop timeout in whole seconds.
        errors.RequireRange("StopTimeout", docker.StopTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        errors.RequireRange("StartTimeout", docker.StartTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        errors.RequireRange("StatsInterval", docker.StatsInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }

    private static string? ValidateEndpoint(ConfigurationErrors errors, string endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp" or "http" or "https"))
        {
            errors.Add("Endpoint", $"must be unix:///path/to/docker.sock or tcp://host:port (was '{endpoint}')");
            return null;
        }

        if (uri.Scheme == "unix" && uri.AbsolutePath.Length <= 1)
        {
            errors.Add("Endpoint", $"must name the socket's path, e.g. unix:///var/run/docker.sock (was '{endpoint}')");
        }
        else if (uri.Scheme != "unix" && (string.IsNullOrEmpty(uri.Host) || uri.IsDefaultPort && uri.Scheme == "tcp"))
        {
            errors.Add("Endpoint", $"must name the engine's host and port, e.g. tcp://docker-host:2376 (was '{endpoint}')");
        }

        return uri.Scheme;
    }

    private static void ValidateTls(ConfigurationErrors tls, DockerTlsOptions options, string? scheme)
    {
        if (!options.Enabled)
        {
            return;
        }

        if (scheme is "unix" or "http")
        {
            tls.Add("Certificate", $"TLS needs a tcp:// or https:// Endpoint (the endpoint is {scheme}://)");
            return;
        }

        var hasCertificate = !string.IsNullOrWhiteSpace(options.Certificate);
        var hasKey = !string.IsNullOrWhiteSpace(options.Key);
        if (hasCertificate != hasKey)
        {
            tls.Add(hasCertificate ? "Key" : "Certificate", "is needed too: a client certificate takes both a certificate and a key file (PEM)");
        }

        foreach (var (key, path) in new[] { ("CaCertificate", options.CaCertificate), ("Certificate", options.Certificate), ("Key", options.Key) })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
            {
                tls.Add(key, $"must name a readable PEM file (no file at '{path}')");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,29}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$")]
    private static partial Regex NetworkPattern();
}
