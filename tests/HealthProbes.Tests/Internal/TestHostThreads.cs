using System.Runtime.CompilerServices;

namespace Resilience.HealthProbes.Tests.Internal;

/// <summary>Gives the test host the thread-pool minimum that HealthProbes' runtimeconfig sets (ThreadPoolMinThreads), so in-process services behave as the real one.</summary>
internal static class TestHostThreads
{
    [ModuleInitializer]
    internal static void MatchTheService()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 8), io);
    }
}
