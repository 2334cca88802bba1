namespace Resilience.LocalCluster.Internal.Ports;

/// <summary>
/// Every port of a stack, from its base: five fixed ports, then three per member slot
/// (PostgreSQL, Patroni REST, HealthProbes). HAProxy has one server per slot in each backend, so a member
/// created in a free slot joins without a restart.
/// </summary>
internal sealed record PortPlan(int PortBase, int SlotCount)
{
    /// <summary>Ports before the first slot.</summary>
    public const int FixedPorts = 10;

    /// <summary>Ports per member slot.</summary>
    public const int PortsPerSlot = 3;

    /// <summary>etcd's client port.</summary>
    public int EtcdClient => PortBase;

    /// <summary>etcd's peer port (one member, but etcd listens on it anyway).</summary>
    public int EtcdPeer => PortBase + 1;

    /// <summary>The write endpoint (HAProxy).</summary>
    public int Write => PortBase + 2;

    /// <summary>The read endpoint (HAProxy).</summary>
    public int Read => PortBase + 3;

    /// <summary>The last port the stack may use.</summary>
    public int LastPort => PortBase + FixedPorts + (PortsPerSlot * SlotCount) - 1;

    /// <summary>The ports of member slot <paramref name="slot"/>.</summary>
    public MemberPorts ForSlot(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, SlotCount);
        var first = PortBase + FixedPorts + (PortsPerSlot * slot);
        return new MemberPorts(first, first + 1, first + 2);
    }

    /// <summary>The fixed ports with what they are for.</summary>
    public IEnumerable<(int Port, string Purpose)> FixedPortPurposes() =>
    [
        (EtcdClient, "etcd client"),
        (EtcdPeer, "etcd peer"),
        (Write, "HAProxy write endpoint"),
        (Read, "HAProxy read endpoint"),
    ];

    /// <summary>The ports of one slot with what they are for.</summary>
    public IEnumerable<(int Port, string Purpose)> SlotPortPurposes(int slot)
    {
        var p = ForSlot(slot);
        return [(p.Postgres, $"slot {slot} PostgreSQL"), (p.Patroni, $"slot {slot} Patroni REST"), (p.Probe, $"slot {slot} HealthProbes")];
    }

    /// <summary>The slot after <paramref name="lastSlot"/>, wrapping, that is not in use and whose ports are free.</summary>
    /// <remarks>Slots rotate so a replacement gets new ports, not the ones its lost predecessor had.</remarks>
    public int? NextFreeSlot(int lastSlot, IReadOnlySet<int> used, Func<int, bool> portsFree)
    {
        for (var i = 1; i <= SlotCount; i++)
        {
            var slot = ((lastSlot + i) % SlotCount + SlotCount) % SlotCount;
            if (!used.Contains(slot) && portsFree(slot))
            {
                return slot;
            }
        }

        return null;
    }

    /// <summary>The slot count for a stack whose groups allow <paramref name="maxMembers"/> members at most.</summary>
    /// <remarks>Twice the maximum, so replacements can start while lost members are still being cleaned up.</remarks>
    public static int SlotCountFor(int maxMembers) => Math.Max(LocalClusterConstants.MinimumSlots, 2 * maxMembers);

    /// <summary>Checks the plan fits below 65536; the message names the key to change.</summary>
    public string? Validate() =>
        PortBase < 1024 || LastPort > 65535
            ? $"port base {PortBase} does not fit: the stack needs ports {PortBase}-{LastPort} within 1024-65535; change resilience:local.portBase or pass --port-base"
            : null;
}
