using System.Globalization;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.X509;
using MetaNode.Operations.Configuration;

namespace MetaNode.Operations.Clusters.Docker;

/// <summary>
/// The Docker Engine API as the provider uses it: a narrow set of calls, each failing with a
/// <see cref="ClusterOperationException"/> that names the engine. The API version is negotiated
/// once: the engine's own version, capped at 1.41 (Debian's dockerd 20.10), so newer clients'
/// fields never reach an older engine.
/// </summary>
internal sealed class DockerEngine : IDisposable
{
    /// <summary>The highest API version requested: what dockerd 20.10 speaks.</summary>
    public static readonly Version MaxApiVersion = new(1, 41);

    /// <summary>The lowest the provider works with (one-shot stats and network options are older).</summary>
    public static readonly Version MinApiVersion = new(1, 40);

    private readonly DockerClusterOptions _options;
    private readonly Lock _gate = new();
    private DockerClient? _client;

    public DockerEngine(DockerClusterOptions options)
    {
        _options = options;
        Endpoint = new Uri(options.Endpoint);
    }

    /// <summary>Where the engine listens.</summary>
    public Uri Endpoint { get; }

    /// <summary>True when the engine runs on this machine (its published loopback ports can be probed for being free).</summary>
    public bool IsLocal => Endpoint.Scheme == "unix";

    /// <summary>The negotiated API version, once connected.</summary>
    public Version? ApiVersion { get; private set; }

    /// <summary>The engine's version, once connected.</summary>
    public string? EngineVersion { get; private set; }

    /// <summary>Negotiates the API version (again, after the engine restarted) and returns the client to use.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var probe = Build(null);
        var version = await CallAsync(() => probe.System.GetVersionAsync(cancellationToken), "read the engine's version");
        var offered = Version.TryParse(version.APIVersion, out var parsed) ? parsed : MaxApiVersion;
        var chosen = offered < MaxApiVersion ? offered : MaxApiVersion;
        if (chosen < MinApiVersion)
        {
            throw new ClusterOperationException(
                $"the Docker engine at {Endpoint} speaks API {offered}; the dashboard needs {MinApiVersion} or later (Docker 19.03+)");
        }

        lock (_gate)
        {
            EngineVersion = version.Version;
            if (_client is not null && ApiVersion == chosen)
            {
                return; // the same engine back after a restart: calls in flight keep their client
            }

            // A client is not disposed while calls may still use it; a version change (an engine
            // upgraded under the dashboard) is rare enough to leave the old one to the collector.
            _client = Build(chosen);
            ApiVersion = chosen;
        }
    }

    /// <summary>The client; <see cref="ConnectAsync"/> first.</summary>
    public DockerClient Client
    {
        get
        {
            lock (_gate)
            {
                return _client ?? throw new ClusterOperationException($"the Docker engine at {Endpoint} is not connected yet");
            }
        }
    }

    /// <summary>Runs one engine call, turning transport and API errors into a sentence.</summary>
    public async Task<T> CallAsync<T>(Func<Task<T>> call, string what)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (DockerApiException ex)
        {
            throw new ClusterOperationException($"Docker could not {what}: {Message(ex)}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new ClusterOperationException($"the Docker engine at {Endpoint} did not answer ({what}): {ex.Message}", ex);
        }
    }

    /// <summary>As <see cref="CallAsync{T}(Func{Task{T}}, string)"/> for calls without a result.</summary>
    public Task CallAsync(Func<Task> call, string what) =>
        CallAsync(
            async () =>
            {
                await call();
                return true;
            },
            what);

    /// <summary>True when <paramref name="ex"/> says the object is not there (404).</summary>
    public static bool IsNotFound(Exception ex) => ex.InnerException is DockerApiException { StatusCode: HttpStatusCode.NotFound };

    /// <summary>True when <paramref name="ex"/> says a host port is already taken.</summary>
    public static bool IsPortTaken(Exception ex) =>
        ex.InnerException is DockerApiException api && api.ResponseBody is { } body
        && (body.Contains("port is already allocated", StringComparison.OrdinalIgnoreCase) || body.Contains("address already in use", StringComparison.OrdinalIgnoreCase));

    /// <summary>The engine's own words: the <c>message</c> of its JSON error.</summary>
    private static string Message(DockerApiException ex)
    {
        var body = ex.ResponseBody ?? string.Empty;
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { } text)
            {
                return text;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return string.Create(CultureInfo.InvariantCulture, $"{(int)ex.StatusCode} {body}").TrimEnd();
    }

    private DockerClient Build(Version? apiVersion)
    {
        var builder = new DockerClientBuilder().WithEndpoint(Endpoint).WithApiVersion(apiVersion);
        var tls = _options.Tls;
        if (tls.Enabled)
        {
            builder = builder.WithAuthProvider(Credentials(tls));
        }

        return builder.Build();
    }

    private static CertificateCredentials Credentials(DockerTlsOptions tls)
    {
        var certificate = tls.Certificate is { Length: > 0 } && tls.Key is { Length: > 0 }
            ? DockerTlsCertificates.LoadCertificateFromPemFiles(tls.Certificate, tls.Key)
            : null;
        var credentials = new CertificateCredentials(certificate);
        if (tls.CaCertificate is { Length: > 0 } ca)
        {
            credentials.ServerCertificateValidationCallback =
                DockerTlsCertificates.CreateCertificateAuthorityValidationCallback(DockerTlsCertificates.LoadCertificateAuthorityFromPemFile(ca));
        }

        return credentials;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _client?.Dispose();
            _client = null;
        }
    }
}
