using System.Globalization;
using CsCheck;
using Resilience.LocalCluster.Internal.Ports;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.Supervision;

namespace Resilience.LocalCluster.Tests.Internal.Processes;

/// <summary>
/// The /proc parsers over random input: a line written in the kernel's format reads back field for field (whatever the
/// command holds: spaces, parentheses, digits), and any other text is refused (null or skipped), never an exception.
/// </summary>
public class ProcParsersPropertyTests
{
    // Commands may hold anything but a newline or NUL, including ") " that looks like the end of the command.
    private static readonly Gen<string> Commands = Gen.String[Gen.Char[" ()abcXYZ019:-_/"], 0, 20];

    private static readonly Gen<long> Ticks = Gen.Long[0, long.MaxValue / 8];

    [Fact]
    public void A_stat_line_reads_back_whatever_the_command_holds()
    {
        Gen.Select(Gen.Int[1, 4_194_304], Commands, Gen.Char["RSDZTtXxI"], Gen.Int[0, 4_194_304], Ticks.Array[5], Gen.Int[0, 30])
            .Sample((pid, command, state, parent, ticks, extra) =>
            {
                // Fields 3..22 as the kernel writes them, then some of the later fields.
                var fields = new List<string> { state.ToString(), parent.ToString(CultureInfo.InvariantCulture) };
                fields.AddRange(Enumerable.Range(5, 9).Select(f => (f * 7).ToString(CultureInfo.InvariantCulture))); // 5..13
                fields.AddRange(ticks[..4].Select(t => t.ToString(CultureInfo.InvariantCulture)));                   // 14..17
                fields.AddRange(["20", "0", "1", "0"]);                                                                // 18..21
                fields.Add(ticks[4].ToString(CultureInfo.InvariantCulture));                                          // 22
                fields.AddRange(Enumerable.Repeat("0", extra));
                var line = $"{pid} ({command}) {string.Join(' ', fields)}\n";

                var stat = ProcStat.Parse(line);

                Assert.NotNull(stat);
                Assert.Equal((pid, command, state, parent), (stat.Pid, stat.Command, stat.State, stat.ParentPid));
                Assert.Equal((ticks[0], ticks[1], ticks[2], ticks[3], ticks[4]), (stat.UserTicks, stat.SystemTicks, stat.ChildUserTicks, stat.ChildSystemTicks, stat.StartTicks));
            }, iter: 2000);
    }

    [Fact]
    public void Any_other_text_is_refused_not_thrown()
    {
        var text = Gen.String[Gen.Char[" ()0123456789-abcSZ\t"], 0, 120];
        text.Sample(line =>
        {
            var stat = ProcStat.Parse(line);
            Assert.True(stat is null || line.Contains('(', StringComparison.Ordinal));
        }, iter: 5000);
    }

    [Fact]
    public void Listening_sockets_read_back_from_proc_net_tcp_lines_and_other_lines_are_skipped()
    {
        var entry = Gen.Select(Gen.Int[0, 65535], Gen.Bool, Gen.Long[0, uint.MaxValue]);
        Gen.Select(entry.Array[0, 20], Gen.String[Gen.Char[" :0123456789ABCDEF"], 0, 80].Array[0, 5]).Sample((entries, junk) =>
        {
            var lines = entries.Select((e, i) => string.Create(CultureInfo.InvariantCulture,
                    $"  {i}: 0100007F:{e.Item1:X4} 00000000:0000 {(e.Item2 ? "0A" : "01")} 00000000:00000000 00:00000000 00000000   999        0 {e.Item3} 1 0000000000000000 100 0 0 10 0"))
                .Concat(junk)
                .ToList();

            var parsed = PortAvailability.ParseListeners(lines).ToList();

            var expected = entries.Where(e => e.Item2).Select(e => (e.Item1, e.Item3.ToString(CultureInfo.InvariantCulture))).ToList();
            Assert.Equal(expected, parsed.Take(expected.Count));
            Assert.All(parsed.Skip(expected.Count), p => Assert.InRange(p.Port, 0, int.MaxValue));
        }, iter: 1000);
    }

    [Fact]
    public void Mem_available_reads_back_among_other_lines_and_a_malformed_value_is_unknown_not_thrown()
    {
        var otherLines = Gen.String[Gen.Char[" :0123456789abkBCached\t"], 0, 40].Array[0, 6];
        Gen.Select(Gen.Long[0, 1L << 40], otherLines, otherLines).Sample((kb, before, after) =>
        {
            var meminfo = before.Append($"MemAvailable:   {kb} kB").Concat(after);

            Assert.Equal(kb * 1024.0, MetricsSampler.ParseMemAvailableBytes(meminfo));
        }, iter: 1000);

        Gen.String[Gen.Char[" -+.,:0123456789abkBeE\t"], 0, 40].Sample(tail =>
        {
            var value = MetricsSampler.ParseMemAvailableBytes(["MemAvailable:" + tail]);

            Assert.True(value is null or >= 0, $"{value}");
        }, iter: 5000);
    }
}
