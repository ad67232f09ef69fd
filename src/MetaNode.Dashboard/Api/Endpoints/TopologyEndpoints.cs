using System.Text;
using System.Text.Json;
using MetaNode.Dashboard.Api.Contracts;
using MetaNode.Dashboard.Security;
using MetaNode.Operations.Audit;
using MetaNode.Operations.Configuration;
using MetaNode.Operations.Security;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Design.Analysis;
using MetaNode.Operations.Topology.Design.Serialization;
using MetaNode.Operations.Topology.Design.Validation;
using MetaNode.Operations.Topology.Design.Versions;
using MetaNode.Operations.Topology.Generators;
using MetaNode.Operations.Topology.Planning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MetaNode.Dashboard.Api.Endpoints;

/// <summary>
/// An app's topology design: read it and its versions, check a document, export it, save a new
/// version (Operator), plan it against what runs and apply it (Operator). Saving and applying go
/// through the audited services; a document that cannot be read is audited as a failed save.
/// </summary>
internal static class TopologyEndpoints
{
    private const string SaveAction = "topology.save";
    private const string ApplyAction = "topology.apply";

    /// <summary>Export formats: the design itself, or what it deploys as.</summary>
    public static IReadOnlyList<string> ExportFormats { get; } = ["yaml", "json", "kubernetes", "compose", "haproxy", "zip"];

    public static void Map(RouteGroupBuilder v1)
    {
        var topology = v1.MapGroup("/apps/{app}/topology").WithTags(ApiTags.Topology);
        topology.MapGet("/", GetAsync)
            .RequireAuthorization(DashboardPolicies.Viewer).WithName("GetTopology")
            .WithSummary("Get an app's design")
            .WithDescription("The latest saved version, or the app's configuration as a design when none was saved; with validation and fault tolerance.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        topology.MapGet("/versions", VersionsAsync)
            .RequireAuthorization(DashboardPolicies.Viewer).WithName("ListTopologyVersions")
            .WithSummary("List the saved versions of a design")
            .ProducesProblem(StatusCodes.Status404NotFound);
        topology.MapGet("/versions/{version:int}", VersionAsync)
            .RequireAuthorization(DashboardPolicies.Viewer).WithName("GetTopologyVersion")
            .WithSummary("Get one saved version of a design")
            .ProducesProblem(StatusCodes.Status404NotFound);
        topology.MapGet("/diff", DiffAsync)
            .RequireAuthorization(DashboardPolicies.Viewer).WithName("DiffTopologyVersions")
            .WithSummary("What changed between two saved versions")
            .WithDescription("from and to: saved version numbers. Each change names its field (components[validator].replicas) with the value before and after.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        topology.MapGet("/export", ExportAsync)
            .RequireAuthorization(DashboardPolicies.Viewer).WithName("ExportTopology")
            .WithSummary("Export a design")
            .WithDescription("format: yaml or json (the design), kubernetes (manifests as one multi-document YAML), compose (docker-compose.yml), haproxy (haproxy.cfg) or zip (all of them). version: a saved version; the latest when absent.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        topology.MapPost("/validate", ValidateAsync)
            .RequireAuthorization(DashboardPolicies.Viewer).WithName("ValidateTopology")
            .WithMetadata(new ReadOnlyOperationMetadata())
            .WithSummary("Check a design document without saving it")
            .WithDescription("Send the document as YAML (application/yaml) or JSON (application/json). Nothing is stored.")
            .Accepts<string>("application/yaml", "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        topology.MapPut("/", SaveAsync)
            .RequireAuthorization(DashboardPolicies.Operator).WithName("SaveTopology")
            .WithMetadata(new AuditedOperationMetadata(SaveAction, "{app}", DashboardRole.Operator))
            .WithSummary("Save a new version of a design")
            .WithDescription("Send the document as YAML or JSON; its name must be the app's. A design with validation errors is refused with every error by field, and nothing is stored.")
            .Accepts<string>("application/yaml", "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        topology.MapGet("/plan", PlanAsync)
            .RequireAuthorization(DashboardPolicies.Viewer).WithName("PlanTopology")
            .WithSummary("Plan the latest saved design against what runs")
            .WithDescription("Steps in order, and the reasons (with the numbers) it may not be applied. version: a saved version; the latest when absent.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        topology.MapPost("/apply", ApplyAsync)
            .RequireAuthorization(DashboardPolicies.Operator).WithName("ApplyTopology")
            .WithMetadata(new AuditedOperationMetadata(ApplyAction, "{app}", DashboardRole.Operator))
            .WithSummary("Apply a saved design to the cluster")
            .WithDescription("Applies the latest saved version (or ?version=). Refused with 409 and the reasons when the plan would break quorum or the provider cannot apply.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<ApiTopology>, ProblemHttpResult>> GetAsync(string app, HttpContext context, AppCatalog catalog, TopologyDesignStore store, CancellationToken cancellationToken)
    {
        if (Refuse(context, catalog, app) is { } refusal)
        {
            return refusal;
        }

        return TypedResults.Ok(ToApi(await store.CurrentOrDefaultAsync(app, cancellationToken)));
    }

    private static async Task<Results<Ok<List<DesignVersionInfo>>, ProblemHttpResult>> VersionsAsync(string app, HttpContext context, AppCatalog catalog, TopologyDesignStore store, CancellationToken cancellationToken) =>
        Refuse(context, catalog, app) is { } refusal ? refusal : TypedResults.Ok((await store.VersionsAsync(app, cancellationToken)).ToList());

    private static async Task<Results<Ok<ApiTopology>, ProblemHttpResult>> VersionAsync(string app, int version, HttpContext context, AppCatalog catalog, TopologyDesignStore store, CancellationToken cancellationToken)
    {
        if (Refuse(context, catalog, app) is { } refusal)
        {
            return refusal;
        }

        return await store.GetAsync(app, version, cancellationToken) is { } stored
            ? TypedResults.Ok(ToApi(stored))
            : ApiProblems.Problem(StatusCodes.Status404NotFound, $"{app} has no saved design version {version}.");
    }

    private static async Task<Results<Ok<List<DesignChange>>, ProblemHttpResult>> DiffAsync(
        string app,
        int from,
        int to,
        HttpContext context,
        AppCatalog catalog,
        TopologyDesignStore store,
        CancellationToken cancellationToken)
    {
        if (Refuse(context, catalog, app) is { } refusal)
        {
            return refusal;
        }

        var before = await store.GetAsync(app, from, cancellationToken);
        var after = await store.GetAsync(app, to, cancellationToken);
        return before is null || after is null
            ? ApiProblems.Problem(StatusCodes.Status404NotFound, $"{app} has no saved design version {(before is null ? from : to)}.")
            : TypedResults.Ok(TopologyDesignStore.Diff(before.Design, after.Design).ToList());
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        string app,
        string? format,
        int? version,
        HttpContext context,
        AppCatalog catalog,
        TopologyDesignStore store,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (Refuse(context, catalog, app) is { } refusal)
        {
            return refusal;
        }

        format = (format ?? "yaml").ToLowerInvariant();
        if (!ExportFormats.Contains(format))
        {
            return ApiProblems.Invalid(new Dictionary<string, string> { ["format"] = $"'{format}' is not a format; use one of {string.Join(", ", ExportFormats)}." });
        }

        var stored = version is { } v ? await store.GetAsync(app, v, cancellationToken) : await store.CurrentOrDefaultAsync(app, cancellationToken);
        if (stored is null)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, $"{app} has no saved design version {version}.");
        }

        var (name, type, bytes) = Export(stored.Design, format, time.GetUtcNow());
        return TypedResults.File(bytes, type, name);
    }

    /// <summary>The file for <paramref name="format"/>: its name, media type and bytes.</summary>
    public static (string Name, string ContentType, byte[] Bytes) Export(TopologyDesign design, string format, DateTimeOffset now)
    {
        var options = new GeneratorOptions { GenesisTime = now };
        var artifacts = format is "kubernetes" or "compose" or "haproxy" or "zip" ? DeploymentArtifacts.Generate(design, options) : [];
        return format switch
        {
            "json" => ($"{design.Name}.topology.json", "application/json", Utf8(TopologySerializer.Export(design, TopologyFormat.Json))),
            "kubernetes" => ($"{design.Name}-kubernetes.yaml", "application/yaml", Utf8(string.Join("---\n", artifacts.Where(f => f.Name.StartsWith(DeploymentArtifacts.KubernetesFolder + "/", StringComparison.Ordinal) && !f.Name.EndsWith("kustomization.yaml", StringComparison.Ordinal)).Select(f => $"# {f.Name}\n{f.Content}")))),
            "compose" => ("docker-compose.yml", "application/yaml", Utf8(artifacts.First(f => f.Name.EndsWith("docker-compose.yml", StringComparison.Ordinal)).Content)),
            "haproxy" => ("haproxy.cfg", "text/plain", Utf8(artifacts.First(f => f.Name.EndsWith("haproxy.cfg", StringComparison.Ordinal)).Content)),
            "zip" => ($"{design.Name}-deploy.zip", "application/zip", DeploymentArtifacts.ToZip([.. artifacts, new GeneratedFile($"{design.Name}.topology.yaml", TopologySerializer.Export(design, TopologyFormat.Yaml))])),
            _ => ($"{design.Name}.topology.yaml", "application/yaml", Utf8(TopologySerializer.Export(design, TopologyFormat.Yaml))),
        };
    }

    private static async Task<Results<Ok<ApiTopologyCheck>, ProblemHttpResult>> ValidateAsync(string app, HttpContext context, AppCatalog catalog, CancellationToken cancellationToken)
    {
        if (Refuse(context, catalog, app) is { } refusal)
        {
            return refusal;
        }

        var imported = await ReadAsync(context, cancellationToken);
        return TypedResults.Ok(new ApiTopologyCheck(imported.Succeeded, imported.Issues, imported.Design is { } design ? FaultToleranceAnalyzer.Analyze(design) : null));
    }

    private static async Task<Results<Created<ApiTopology>, ProblemHttpResult>> SaveAsync(
        string app,
        string? comment,
        HttpContext context,
        AppCatalog catalog,
        TopologyDesignStore store,
        OperationGate gate,
        CancellationToken cancellationToken)
    {
        var actor = ApiCaller.ActorOf(context);
        var imported = await ReadAsync(context, cancellationToken);
        var errors = imported.Issues.Where(i => i.IsError).GroupBy(i => i.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Located(g.First()), StringComparer.Ordinal);
        if (imported.Design is { } read && read.Name != app)
        {
            errors[DesignKeys.Name] = $"The document is the design of '{read.Name}', not of {app}.";
        }

        // A key limited to other apps is refused (and audited) by the store's gate before anything is read back.
        if (actor.Covers(app) && catalog.Find(app) is null)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, $"There is no app named {app}.");
        }

        if (errors.Count > 0 && actor.Holds(DashboardRole.Operator) && actor.Covers(app))
        {
            await gate.RecordAsync(actor, new OperationRequest(SaveAction, app, DashboardRole.Operator, app, new { comment }), AuditOutcome.Failed, string.Join(" ", errors.Values));
            return ApiProblems.Invalid(errors);
        }

        var saved = await store.SaveAsync(actor, imported.Design ?? TopologyDesign.FromAppTopology(catalog.Find(app)!), comment, cancellationToken);
        return TypedResults.Created($"{DashboardApiPaths.V1}/apps/{Uri.EscapeDataString(app)}/topology/versions/{saved.Version!.Version}", ToApi(saved));
    }

    private static async Task<Results<Ok<ApiTopologyPlan>, ProblemHttpResult>> PlanAsync(string app, int? version, HttpContext context, AppCatalog catalog, TopologyDesignStore store, TopologyApplier applier, CancellationToken cancellationToken)
    {
        if (Refuse(context, catalog, app) is { } refusal)
        {
            return refusal;
        }

        var stored = version is { } v ? await store.GetAsync(app, v, cancellationToken) : await store.CurrentOrDefaultAsync(app, cancellationToken);
        return stored is null
            ? ApiProblems.Problem(StatusCodes.Status404NotFound, $"{app} has no saved design version {version}.")
            : TypedResults.Ok(new ApiTopologyPlan(stored.Version?.Version, applier.Plan(stored.Design)));
    }

    private static async Task<Results<Ok<ApiTopologyPlan>, ProblemHttpResult>> ApplyAsync(
        string app,
        int? version,
        HttpContext context,
        AppCatalog catalog,
        TopologyDesignStore store,
        TopologyApplier applier,
        OperationGate gate,
        CancellationToken cancellationToken)
    {
        var actor = ApiCaller.ActorOf(context);
        if (actor.Covers(app) && catalog.Find(app) is null)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, $"There is no app named {app}.");
        }

        var stored = version is { } v ? await store.GetAsync(app, v, cancellationToken) : await store.CurrentOrDefaultAsync(app, cancellationToken);
        if (stored?.Version is null)
        {
            var reason = version is null ? $"{app} has no saved design: save one first (PUT …/topology)." : $"{app} has no saved design version {version}.";
            await gate.RecordAsync(actor, new OperationRequest(ApplyAction, app, DashboardRole.Operator, app, new { version }), AuditOutcome.Failed, reason);
            return ApiProblems.Problem(StatusCodes.Status404NotFound, reason);
        }

        try
        {
            var plan = await applier.ApplyAsync(actor, stored.Design, cancellationToken);
            await store.MarkAppliedAsync(app, stored.Version.Version, actor.Name, cancellationToken);
            return TypedResults.Ok(new ApiTopologyPlan(stored.Version.Version, plan));
        }
        catch (OperationValidationException ex)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, string.Join(" ", ex.Errors.Values));
        }
    }

    private static ProblemHttpResult? Refuse(HttpContext context, AppCatalog catalog, string app) =>
        ApiCaller.RefuseOtherApp(context, app)
        ?? (catalog.Find(app) is null ? ApiProblems.Problem(StatusCodes.Status404NotFound, $"There is no app named {app}.") : null);

    private static async Task<TopologyImportResult> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var type = context.Request.ContentType ?? string.Empty;
        TopologyFormat? format = type.Contains("json", StringComparison.OrdinalIgnoreCase) ? TopologyFormat.Json
            : type.Contains("yaml", StringComparison.OrdinalIgnoreCase) ? TopologyFormat.Yaml
            : null;
        return await TopologySerializer.ImportAsync(context.Request.Body, format, cancellationToken);
    }

    private static ApiTopology ToApi(StoredDesign stored)
    {
        using var document = JsonDocument.Parse(TopologySerializer.Export(stored.Design, TopologyFormat.Json));
        return new ApiTopology(stored.Version, document.RootElement.Clone(), TopologyValidator.Validate(stored.Design), FaultToleranceAnalyzer.Analyze(stored.Design));
    }

    private static string Located(TopologyIssue issue) =>
        issue.Line is { } line ? $"line {line}, column {issue.Column}: {issue.Message}" : issue.Message;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
