namespace Resilience.HealthProbes.Cli;

/// <summary>A bad option or value; the message is the one line printed before exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
