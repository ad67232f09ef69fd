using System.Globalization;
using MetaNode.Operations.Topology.Design;
using MetaNode.Operations.Topology.Design.Serialization;
using MetaNode.Operations.Topology.Generators;
using Microsoft.AspNetCore.Components;

namespace MetaNode.Dashboard.Components.Topology;

/// <summary>Previews every export of a design and links the downloads of the saved version.</summary>
public sealed partial class ExportPanel
{
    private static readonly (string Format, string Label)[] Downloads =
    [
        ("yaml", "YAML"), ("json", "JSON"), ("kubernetes", "Kubernetes"), ("compose", "Compose"), ("haproxy", "haproxy.cfg"), ("zip", "All (zip)"),
    ];

    private IReadOnlyList<GeneratedFile> _files = [];
    private GeneratedFile? _selected;

    /// <summary>The design previewed.</summary>
    [Parameter, EditorRequired]
    public required TopologyDesign Design { get; set; }

    /// <summary>True when the design on screen differs from the saved one.</summary>
    [Parameter]
    public bool Dirty { get; set; }

    /// <summary>The panel is dismissed.</summary>
    [Parameter]
    public EventCallback OnClose { get; set; }

    [Inject]
    public required TimeProvider Time { get; init; }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        var selected = _selected?.Name;
        _files =
        [
            new GeneratedFile($"{Design.Name}.topology.yaml", TopologySerializer.Export(Design, TopologyFormat.Yaml)),
            new GeneratedFile($"{Design.Name}.topology.json", TopologySerializer.Export(Design, TopologyFormat.Json)),
            .. DeploymentArtifacts.Generate(Design, new GeneratorOptions { GenesisTime = Time.GetUtcNow() }),
        ];
        _selected = _files.FirstOrDefault(f => f.Name == selected) ?? _files[0];
    }

    private string DownloadLink(string format) => $"api/v1/apps/{Uri.EscapeDataString(Design.Name)}/topology/export?format={format}";

    private static string SizeText(GeneratedFile file) => file.SizeBytes < 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{file.SizeBytes} B")
        : string.Create(CultureInfo.InvariantCulture, $"{file.SizeBytes / 1024.0:0.0} KB");
}
