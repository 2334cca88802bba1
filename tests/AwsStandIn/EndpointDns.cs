namespace Resilience.AwsStandIn;

/// <summary>
/// An endpoint's DNS as a client sees it: the members are resolved again only once the answer is older than the
/// record's TTL (Aurora's endpoints: 5 s), and new connections take them in turn. So a member added to or removed
/// from an endpoint gets or loses connections up to a TTL later, as on Aurora.
/// </summary>
internal sealed class EndpointDns(Func<IReadOnlyList<string>> resolve, TimeSpan ttl, TimeProvider time)
{
    private readonly object _gate = new();
    private IReadOnlyList<string> _answer = [];
    private long? _resolvedAt;
    private int _turn;

    /// <summary>The member the next connection goes to, or null when the endpoint has none.</summary>
    public string? Next()
    {
        lock (_gate)
        {
            if (_resolvedAt is not { } at || time.GetElapsedTime(at) >= ttl)
            {
                _answer = resolve();
                _resolvedAt = time.GetTimestamp();
            }

            return _answer.Count == 0 ? null : _answer[_turn++ % _answer.Count];
        }
    }
}
