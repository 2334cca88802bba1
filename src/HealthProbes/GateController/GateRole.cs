namespace Resilience.HealthProbes.GateController;

/// <summary>
/// The database role the gate controller logs in as, and all it is granted: one home for the name and the grants, which
/// <c>healthprobes gate-role</c> gives it on Aurora and the Cluster's managed roles give it on CloudNativePG
/// (infra/healthProbesContract.json probeRole and probeRoleGrants, held equal by a test).
/// </summary>
internal static class GateRole
{
    public const string Name = "resilience_gate";

    /// <summary>Aurora's role whose members log in with IAM database auth tokens instead of a password.</summary>
    public const string IamRole = "rds_iam";

    /// <summary>
    /// pg_monitor reads replication state (the WAL receiver, replay positions, aurora_replica_status()); pg_read_all_data
    /// is SELECT on every table, which pg_prewarm checks and reading a table needs. Neither writes anything.
    /// </summary>
    public static readonly IReadOnlyList<string> Grants = ["pg_monitor", "pg_read_all_data"];
}
