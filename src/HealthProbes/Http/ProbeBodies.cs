namespace Resilience.HealthProbes.Http;

/// <summary>The body of <c>/health/ready</c>.</summary>
internal sealed record ReadyBody(bool Ready, string Reason);

/// <summary>The body of <c>/health/live</c>.</summary>
internal sealed record LiveBody(bool Live, string Reason);

/// <summary>The body of <c>/health/primary</c>.</summary>
internal sealed record PrimaryBody(bool Primary, string Reason);
