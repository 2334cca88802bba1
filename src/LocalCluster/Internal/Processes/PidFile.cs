using Resilience.Topology.Files;

namespace Resilience.LocalCluster.Internal.Processes;

/// <summary>Pid files in the state directory: the only way processes are found again to be stopped.</summary>
internal static class PidFile
{
    /// <summary>Writes <paramref name="handle"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, ProcessHandle handle)
    {
        AtomicFile.WriteAllText(path, handle + "\n");
    }

    /// <summary>The handle in <paramref name="path"/>, or null when there is none.</summary>
    public static ProcessHandle? Read(string path)
    {
        try
        {
            return File.Exists(path) ? ProcessHandle.Parse(File.ReadAllText(path)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The handle in <paramref name="path"/> when that process is still alive.</summary>
    public static ProcessHandle? ReadAlive(string path) => Read(path) is { IsAlive: true } h ? h : null;
}
