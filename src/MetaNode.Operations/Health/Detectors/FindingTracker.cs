namespace MetaNode.Operations.Health.Detectors;

/// <summary>
/// Keeps one app's findings in step with the conditions its detectors report: a new condition
/// opens a finding, a lasting one keeps its finding (updated when its severity or sentence
/// changes), a vanished one closes it.
/// </summary>
public sealed class FindingTracker(string app)
{
    private readonly Dictionary<(FindingKind Kind, string Subject), Finding> _active = [];

    /// <summary>Findings open now.</summary>
    public IReadOnlyCollection<Finding> Active => _active.Values;

    /// <summary>
    /// Reconciles with the conditions present at <paramref name="now"/>; returns every finding that
    /// opened, changed or closed (to publish and to store).
    /// </summary>
    public IReadOnlyList<Finding> Update(IEnumerable<Condition> conditions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var changes = new List<Finding>();
        var present = new HashSet<(FindingKind, string)>();
        foreach (var condition in conditions)
        {
            if (condition.Instant)
            {
                changes.Add(new Finding(Guid.NewGuid(), app, condition.Kind, condition.Severity, condition.Subject, condition.Summary, now, now));
                continue;
            }

            var key = (condition.Kind, condition.Subject);
            if (!present.Add(key))
            {
                continue;
            }

            if (_active.TryGetValue(key, out var open))
            {
                if (open.Severity != condition.Severity || open.Summary != condition.Summary)
                {
                    var updated = open with { Severity = condition.Severity, Summary = condition.Summary };
                    _active[key] = updated;
                    changes.Add(updated);
                }
            }
            else
            {
                var opened = new Finding(Guid.NewGuid(), app, condition.Kind, condition.Severity, condition.Subject, condition.Summary, now, null);
                _active[key] = opened;
                changes.Add(opened);
            }
        }

        foreach (var key in _active.Keys.Where(k => !present.Contains(k)).ToList())
        {
            var closed = _active[key] with { EndedAt = now };
            _active.Remove(key);
            changes.Add(closed);
        }

        return changes;
    }

    /// <summary>Closes everything (the app went away).</summary>
    public IReadOnlyList<Finding> CloseAll(DateTimeOffset now) => Update([], now);
}
