namespace Resilience.AwsStandIn;

/// <summary>
/// The database machines behind a stand-in cluster: what really happens to PostgreSQL when the stand-in's
/// FIS actions reboot an instance or fail a cluster over. Without one, those actions change control-plane
/// state only.
/// </summary>
public interface IStandInDatabase
{
    /// <summary>Restarts the instance's PostgreSQL; returns once it accepts connections again (a new <c>pg_postmaster_start_time()</c>).</summary>
    Task RebootAsync(string instanceIdentifier, CancellationToken cancellationToken);

    /// <summary>Promotes <paramref name="targetInstanceIdentifier"/> (a reader) and demotes the writer; returns once the target accepts writes.</summary>
    Task FailOverAsync(string clusterIdentifier, string targetInstanceIdentifier, CancellationToken cancellationToken);
}
