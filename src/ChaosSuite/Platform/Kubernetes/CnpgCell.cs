namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>What the chaos suite needs to know about one cell's CloudNativePG cluster, found once per run.</summary>
/// <param name="Names">The names of its objects.</param>
/// <param name="Write">Where the <c>-rw</c> Service is reached.</param>
/// <param name="Read">Where the warm-readers Service is reached.</param>
/// <param name="WarmSelector">The warm-readers Service's selector: which pods it routes to when ready.</param>
internal sealed record CnpgCell(CnpgNames Names, DatabaseEndpoint Write, DatabaseEndpoint Read, IReadOnlyDictionary<string, string> WarmSelector);
