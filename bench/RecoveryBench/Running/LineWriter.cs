using System.Text;

namespace Resilience.Bench.Running;

/// <summary>A TextWriter that prefixes every line LocalCluster prints with the cluster it is about.</summary>
internal sealed class LineWriter(BenchProgress progress, string prefix) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_line)
        {
            if (value == '\n')
            {
                progress.Line($"  [{prefix}] {_line.ToString().TrimEnd('\r')}");
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }
}
