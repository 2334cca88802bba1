using System.Text;

namespace Resilience.ChaosSuite.Platform.Local;

/// <summary>A TextWriter that hands each line LocalCluster prints to whoever listens now.</summary>
internal sealed class ProgressWriter : TextWriter
{
    private readonly StringBuilder _line = new();

    public IProgress<string>? Sink { get; set; }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_line)
        {
            if (value == '\n')
            {
                var line = _line.ToString().TrimEnd('\r');
                _line.Clear();
                Sink?.Report(line);
            }
            else
            {
                _line.Append(value);
            }
        }
    }
}
