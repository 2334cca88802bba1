namespace Resilience.ChaosSuite.Measurement;

/// <summary>
/// What a scenario measured: the DESIGN.md measurements (null when the awaited event never came) and
/// further observations that have no target (latency percentiles, retries, shed requests...).
/// </summary>
internal sealed class MeasurementSet
{
    private readonly Dictionary<string, double?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _observations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _notes = new(StringComparer.Ordinal);

    /// <summary>Measurements by DESIGN.md name; null means the event it waits for did not happen in time.</summary>
    public IReadOnlyDictionary<string, double?> Values => _values;

    /// <summary>Figures without a target, by name.</summary>
    public IReadOnlyDictionary<string, double> Observations => _observations;

    /// <summary>Why a measurement has the value it has, when that needs saying (e.g. "not reached within 150 s").</summary>
    public IReadOnlyDictionary<string, string> Notes => _notes;

    /// <summary>Sets a measurement.</summary>
    public void Set(string name, double? value, string? note = null)
    {
        _values[name] = value is { } v ? Math.Round(v, 3) : null;
        if (note is not null)
        {
            _notes[name] = note;
        }
    }

    /// <summary>Sets an observation; null values are skipped.</summary>
    public void Observe(string name, double? value)
    {
        if (value is { } v && !double.IsNaN(v))
        {
            _observations[name] = Math.Round(v, 3);
        }
    }

    /// <summary>The measurement, or null when absent or not reached.</summary>
    public double? Get(string name) => _values.TryGetValue(name, out var v) ? v : null;
}
