using System.Runtime.Versioning;

// HealthProbes runs beside PostgreSQL on Linux (file modes, data directories, loopback members).
[assembly: SupportedOSPlatform("linux")]
