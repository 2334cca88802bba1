using System.Globalization;
using Resilience.LocalCluster.Internal.State;

namespace Resilience.LocalCluster.Internal.Backup;

/// <summary>The member pgBackRest backs up from and checks against: whichever is primary now.</summary>
internal sealed record PrimaryTarget(string Member, string DataDir, int Port, string SocketDir)
{
    /// <summary>The pgBackRest view of <paramref name="member"/>.</summary>
    public static PrimaryTarget Of(ClusterEnvironment env, MemberRecord member)
    {
        var m = env.Layout.Member(member.Name);
        return new PrimaryTarget(member.Name, m.DataDir, env.Ports.ForSlot(member.Slot).Postgres, m.Root);
    }

    /// <summary>pgBackRest's pg1-* options for this member.</summary>
    public IEnumerable<string> Options() =>
    [
        $"--pg1-path={DataDir}",
        string.Create(CultureInfo.InvariantCulture, $"--pg1-port={Port}"),
        $"--pg1-socket-path={SocketDir}",
    ];
}
