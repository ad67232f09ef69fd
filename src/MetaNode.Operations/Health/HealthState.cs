namespace MetaNode.Operations.Health;

/// <summary>
/// The live health state. Only the monitor writes it (<see cref="Apply"/>); everyone else reads
/// it through <see cref="IHealthFeed"/>. Each change makes a new immutable snapshot and is fanned
/// out to every subscriber's own channel.
/// </summary>
public sealed class HealthState(TimeProvider time) : IHealthFeed
{
    /// <summary>How long ended findings stay in the snapshot (the store keeps them for reports).</summary>
    public static readonly TimeSpan KeepEndedFindings = TimeSpan.FromHours(24);

    private static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(100);
    private readonly Lock _gate = new();
    private readonly List<HealthSubscription> _subscribers = [];
    private HealthSnapshot _current = HealthSnapshot.Empty;

    /// <inheritdoc />
    public HealthSnapshot Current => Volatile.Read(ref _current);

    /// <summary>How many readers are subscribed now.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <inheritdoc />
    public HealthSubscription Subscribe(TimeSpan? batchWindow = null)
    {
        lock (_gate)
        {
            var subscription = new HealthSubscription(_current, batchWindow ?? DefaultWindow, time, Unsubscribe);
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Applies one change (the monitor's only way in) and publishes it.</summary>
    public HealthSnapshot Apply(
        IReadOnlyList<NodeHealth>? nodes = null,
        IReadOnlyList<string>? removedNodes = null,
        IReadOnlyList<AppHealth>? apps = null,
        IReadOnlyList<Finding>? findings = null)
    {
        lock (_gate)
        {
            var batch = new HealthBatch(_current.Version + 1, nodes ?? [], removedNodes ?? [], apps ?? [], findings ?? []);
            if (batch.IsEmpty)
            {
                return _current;
            }

            Volatile.Write(ref _current, batch.ApplyTo(_current, time.GetUtcNow(), KeepEndedFindings));
            foreach (var subscriber in _subscribers)
            {
                subscriber.Publish(batch);
            }

            return _current;
        }
    }

    private void Unsubscribe(HealthSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }
}
