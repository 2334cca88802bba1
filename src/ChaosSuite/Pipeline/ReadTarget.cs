namespace Resilience.ChaosSuite.Pipeline;

/// <summary>Where a read attempt must run: the read endpoint, or the primary when the pipeline falls back.</summary>
public enum ReadTarget
{
    /// <summary>The read endpoint (warm replicas).</summary>
    ReadEndpoint,

    /// <summary>The write endpoint (the primary), used by the read fallback.</summary>
    Primary,
}
