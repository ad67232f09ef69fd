using MetaNode.Operations.Topology.Generators.Compose;
using MetaNode.Testing;

namespace MetaNode.Operations.Tests.Topology.Generators;

/// <summary>
/// <c>docker-compose config</c> (Debian's 1.29, no daemon needed) validates the generated file
/// against the Compose schema and interpolates it, as <c>up</c> would before starting anything.
/// </summary>
public sealed class ComposeToolTests : IDisposable
{
    private readonly TempDirectory _folder = new("metanode-compose");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task DockerComposeConfig_GeneratedFile_IsValidAndKeepsEveryService()
    {
        var compose = ExternalTools.Require("docker-compose", "docker-compose");
        Write(SampleDesigns.MyApp());

        var result = await Config(compose, token: "secret");

        Assert.True(result.ExitCode == 0, result.StandardError);
        var services = YamlToJson.Documents(result.StandardOutput).Single()!["services"]!.AsObject();
        Assert.Equal(14, services.Count);
        Assert.Equal("secret", (string?)services["validator-0"]!["environment"]!["METANODE_ADMIN_TOKEN"]);
    }

    [Fact]
    public async Task DockerComposeConfig_WithoutAdminToken_RefusesNamingTheVariable()
    {
        var compose = ExternalTools.Require("docker-compose", "docker-compose");
        Write(SampleDesigns.MyApp());

        var result = await Config(compose, token: null);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("set METANODE_ADMIN_TOKEN", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DockerComposeConfig_UnknownServiceKey_IsRejected()
    {
        var compose = ExternalTools.Require("docker-compose", "docker-compose");
        Write(SampleDesigns.MyApp(), content => content.Replace("    restart: unless-stopped\n", "    restart: unless-stopped\n    restrat: always\n", StringComparison.Ordinal));

        var result = await Config(compose, token: "secret");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("restrat", result.StandardError, StringComparison.Ordinal);
    }

    private void Write(Operations.Topology.Design.TopologyDesign design, Func<string, string>? change = null)
    {
        var files = ComposeFileGenerator.Generate(design, SampleDesigns.Options)
            // docker-compose 1.29 predates the top-level project name (Compose v2 reads it): name the project on the command line instead.
            .Select(f => f.Name == ComposeFileGenerator.FileName ? f with { Content = (change ?? (c => c))(f.Content.Replace("name: my-app\n", string.Empty, StringComparison.Ordinal)) } : f);
        ExternalTools.Write(files, _folder.Path);
    }

    private Task<ChildProcess.Result> Config(string compose, string? token)
    {
        // Empty counts as unset for ${VAR:?}: a token in the environment of whoever runs the tests must not leak in.
        var environment = new Dictionary<string, string> { ["METANODE_ADMIN_TOKEN"] = token ?? string.Empty };

        return ChildProcess.RunAsync(
            compose,
            ["--project-name", "my-app", "--file", Path.Combine(_folder.Path, ComposeFileGenerator.FileName), "config"],
            ExternalTools.Deadline,
            _folder.Path,
            environment,
            TestContext.Current.CancellationToken);
    }
}
