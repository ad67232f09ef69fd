namespace MetaNode.Testing;

/// <summary>Locates the repository a test binary was built from.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding <c>MetaNode.Dashboard.sln</c>, found by walking up from the test binary.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MetaNode.Dashboard.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No MetaNode.Dashboard.sln above {AppContext.BaseDirectory}");
    }
}
