using System.ComponentModel.DataAnnotations;
namespace Resilience.ChaosSuite.Load;

/// <summary>The overload: CPU-heavy queries on many connections from many loopback client addresses.</summary>
internal sealed class LoadGeneratorOptions : IValidatableObject
{
    /// <summary>Gets or sets how many client addresses connections come from (127.0.0.2 upwards).</summary>
    /// <value>Defaults to 32.</value>
    [Range(1, 250)]
    public int ClientAddresses { get; set; } = LoadGeneratorConstants.ClientAddresses;

    /// <summary>Gets or sets the connections at the start of the ramp.</summary>
    /// <value>Defaults to 4.</value>
    [Range(1, 10_000)]
    public int StartConnections { get; set; } = LoadGeneratorConstants.StartConnections;

    /// <summary>Gets or sets the connections added at every step of the ramp.</summary>
    /// <value>Defaults to 4.</value>
    [Range(0, 10_000)]
    public int RampStep { get; set; } = LoadGeneratorConstants.RampStep;

    /// <summary>Gets or sets the time between two steps of the ramp.</summary>
    /// <value>Defaults to 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RampInterval { get; set; } = LoadGeneratorConstants.RampInterval;

    /// <summary>Gets or sets the most connections the ramp reaches (keep it under the server's max_connections).</summary>
    /// <value>Defaults to 40.</value>
    [Range(1, 10_000)]
    public int MaxConnections { get; set; } = LoadGeneratorConstants.MaxConnections;

    /// <summary>Gets or sets the share of connections that load the read endpoint instead of the primary (readers must be loaded for the group to scale out).</summary>
    /// <value>Defaults to 0.25.</value>
    [Range(0.0, 1.0)]
    public double ReadShare { get; set; } = LoadGeneratorConstants.ReadShare;

    /// <summary>Gets or sets the rows each query counts (its CPU cost: about 20 ms per 300,000 on one core).</summary>
    /// <value>Defaults to 300,000.</value>
    [Range(1, 1_000_000_000)]
    public int RowsPerQuery { get; set; } = LoadGeneratorConstants.RowsPerQuery;

    /// <summary>The ramp starts within its own ceiling.</summary>
    /// <param name="validationContext">Unused.</param>
    /// <returns>The problem, if any.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StartConnections > MaxConnections)
        {
            yield return new ValidationResult($"must be at most MaxConnections ({MaxConnections})", [nameof(StartConnections)]);
        }
    }
}
