using System.Text.Json.Serialization;
using Resilience.HealthProbes.Warmup;

namespace Resilience.HealthProbes.Http;

/// <summary>Source-generated JSON for every document the service reads or writes (no reflection at start-up).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(ReadyBody))]
[JsonSerializable(typeof(LiveBody))]
[JsonSerializable(typeof(PrimaryBody))]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(WarmupRecord))]
[JsonSerializable(typeof(GateController.LedgerDocument))]
internal sealed partial class HealthProbesJsonContext : JsonSerializerContext;
