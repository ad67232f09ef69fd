using MetaNode.Operations.Health;

namespace MetaNode.Dashboard.Hubs;

/// <summary>What <see cref="HealthHub"/> sends to its clients (the NOC wall, CLIs, other dashboards).</summary>
public interface IHealthClient
{
    /// <summary>The full state, sent on connect (all apps) or when a client subscribes to one app.</summary>
    Task Snapshot(HealthSnapshot snapshot);

    /// <summary>Changes since the last message, at most about ten a second.</summary>
    Task Changes(HealthBatch batch);
}
