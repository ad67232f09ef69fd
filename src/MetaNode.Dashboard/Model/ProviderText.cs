using MetaNode.Operations.Clusters;

namespace MetaNode.Dashboard.Model;

/// <summary>What a cluster provider can do, in words.</summary>
public static class ProviderText
{
    /// <summary>"start/stop, kill, pause/resume", or "watch only".</summary>
    public static string Capabilities(ProviderCapabilities capabilities)
    {
        var words = new List<string>();
        Add(words, capabilities, ProviderCapabilities.Apply, "apply topology");
        Add(words, capabilities, ProviderCapabilities.StartStop, "start/stop");
        Add(words, capabilities, ProviderCapabilities.Kill, "kill");
        Add(words, capabilities, ProviderCapabilities.PauseResume, "pause/resume");
        Add(words, capabilities, ProviderCapabilities.Isolate, "isolate");
        Add(words, capabilities, ProviderCapabilities.Degrade, "degrade");
        Add(words, capabilities, ProviderCapabilities.ResourceStats, "resource stats");
        return words.Count == 0 ? "watch only" : string.Join(", ", words);
    }

    private static void Add(List<string> words, ProviderCapabilities capabilities, ProviderCapabilities flag, string word)
    {
        if (capabilities.HasFlag(flag))
        {
            words.Add(word);
        }
    }
}
