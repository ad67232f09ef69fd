using MetaNode.Dashboard.Api;
using MetaNode.Dashboard.Api.Reference;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.OpenApi;

namespace MetaNode.Dashboard.Components.Pages;

/// <summary>
/// The automation API's reference, drawn by the dashboard from its own OpenAPI document: endpoints
/// by tag with method, path, summary, required role, parameters, body, responses and a curl
/// example. No Swagger UI or Scalar: their scripts would need a CDN or inline scripts, which the
/// Content-Security-Policy and an offline machine both rule out.
/// </summary>
public sealed partial class ApiReference
{
    private ApiReferenceModel? _model;
    private string? _problem;

    [Inject]
    public required IServiceProvider Services { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    private static string OpenApiPath => DashboardApiPaths.OpenApiDocument.TrimStart('/');

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        var provider = Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiOpenApi.DocumentName);
        try
        {
            var document = await provider.GetOpenApiDocumentAsync(CancellationToken.None);
            _model = ApiReferenceModel.From(document, new Uri(Navigation.BaseUri));
        }
        catch (InvalidOperationException ex)
        {
            _problem = $"The OpenAPI document could not be generated: {ex.Message}";
        }
    }
}
