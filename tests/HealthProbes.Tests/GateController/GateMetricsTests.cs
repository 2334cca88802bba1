using Resilience.HealthProbes.GateController;
using Resilience.HealthProbes.Http;

namespace Resilience.HealthProbes.Tests.GateController;

/// <summary>The gate controller's <c>/metrics</c>: one HELP and TYPE per family, a sample per cluster or reader, label values escaped.</summary>
public sealed class GateMetricsTests
{
    [Fact]
    public void EachFamilyOnceAndASamplePerClusterAndReader()
    {
        var a = new ClusterGate.GateSnapshot(["r1"], null, [new ReaderVerdict("r1", true, true, 0.1, "warm"), new ReaderVerdict("r2", false, true, 3, "lag")]);
        var b = new ClusterGate.GateSnapshot(["x\"1"], "no reader is warm", [new ReaderVerdict("x\"1", false, true, 0.2, "warming up")]);
        var text = PrometheusText.WriteGate([("staging-a", a), ("staging-b", b)]);
        Assert.Equal(
            """
            # HELP healthprobes_gate_warm_readers Readers whose warm-up gate is open (the warm read endpoint's members when no fallback is taken).
            # TYPE healthprobes_gate_warm_readers gauge
            healthprobes_gate_warm_readers{cluster="staging-a"} 1
            healthprobes_gate_warm_readers{cluster="staging-b"} 0
            # HELP healthprobes_gate_alarm 1 when no reader is warm and the endpoint keeps a cold one (or is left as it was).
            # TYPE healthprobes_gate_alarm gauge
            healthprobes_gate_alarm{cluster="staging-a"} 0
            healthprobes_gate_alarm{cluster="staging-b"} 1
            # HELP healthprobes_gate_open 1 when the reader's warm-up gate is open: reads may be routed to it.
            # TYPE healthprobes_gate_open gauge
            healthprobes_gate_open{cluster="staging-a",reader="r1"} 1
            healthprobes_gate_open{cluster="staging-a",reader="r2"} 0
            healthprobes_gate_open{cluster="staging-b",reader="x\"1"} 0

            """.ReplaceLineEndings("\n"),
            text);
    }
}
