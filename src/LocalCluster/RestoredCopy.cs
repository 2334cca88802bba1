namespace Resilience.LocalCluster;

/// <summary>A point-in-time copy of the stack, running beside it on its own port.</summary>
/// <param name="Name">The copy's name (<c>--into</c>).</param>
/// <param name="Endpoint">Where it listens; the stack's logins work on it.</param>
/// <param name="DataDir">Its data directory, under the stack's state directory.</param>
/// <param name="Target">The time it was recovered to; null for the end of the archive.</param>
/// <param name="BackupLabel">The backup it was restored from.</param>
/// <param name="RestoreSeconds">Restore started to the copy accepting writes.</param>
public sealed record RestoredCopy(string Name, EndpointAddress Endpoint, string DataDir, DateTimeOffset? Target, string BackupLabel, double RestoreSeconds);
