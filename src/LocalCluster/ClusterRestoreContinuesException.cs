namespace Resilience.LocalCluster;

/// <summary>
/// The wait of <see cref="LocalClusterController.RestoreClusterAsync"/> was cancelled (Ctrl-C, SIGTERM) after the
/// restore was asked of the supervisor: only the watching stopped, the supervisor goes on restoring the stack (a lost
/// stack half restored and then abandoned would be worse than one restored). <see cref="Exception.Message"/> is the
/// line to show: it names the stack and how to follow the restore.
/// </summary>
/// <remarks>An <see cref="OperationCanceledException"/>, so callers that stop on cancellation go on doing so.</remarks>
public sealed class ClusterRestoreContinuesException : OperationCanceledException
{
    /// <summary>Creates the exception for stack <paramref name="stackName"/>, cancelled by <paramref name="token"/>.</summary>
    public ClusterRestoreContinuesException(string stackName, CancellationToken token)
        : base($"interrupted: the supervisor goes on restoring stack {stackName} from its backups; follow it with: ./localcluster status --stack {stackName}", token)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterRestoreContinuesException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterRestoreContinuesException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterRestoreContinuesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
