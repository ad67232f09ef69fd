namespace MetaNode.Dashboard.Model;

/// <summary>Where a health page stands with its app.</summary>
public enum AppState
{
    /// <summary>The app has health to show.</summary>
    Ready,

    /// <summary>No app is configured at all.</summary>
    NoApps,

    /// <summary>The address names an app that is not configured.</summary>
    UnknownApp,

    /// <summary>The monitor has not reported on the app yet.</summary>
    Waiting,
}
