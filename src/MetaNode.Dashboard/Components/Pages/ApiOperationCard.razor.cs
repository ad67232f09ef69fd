using MetaNode.Dashboard.Api.Reference;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MetaNode.Dashboard.Components.Pages;

/// <summary>One operation of the API reference: method, path, role, parameters, body, responses, example.</summary>
public sealed partial class ApiOperationCard
{
    /// <summary>The operation to show.</summary>
    [Parameter, EditorRequired]
    public required ApiReferenceOperation Operation { get; set; }

    private Color MethodColor => Operation.Method switch
    {
        "GET" => Color.Info,
        "POST" => Color.Success,
        "DELETE" => Color.Error,
        _ => Color.Warning,
    };
}
