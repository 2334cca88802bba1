using System.Runtime.InteropServices;

namespace Resilience.LocalCluster.Internal.Posix;

/// <summary>The few libc calls .NET has no API for: signals other than SIGKILL, ownership, the effective uid.</summary>
internal static partial class Libc
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is gone.</summary>
    public static bool Signal(int pid, int signal) => pid > 0 && Kill(pid, signal) == 0;

    /// <summary>Changes the owner of <paramref name="path"/> without following a final symbolic link.</summary>
    public static void ChangeOwner(string path, int uid, int gid)
    {
        if (LChown(path, uid, gid) != 0)
        {
            throw new IOException($"chown {uid}:{gid} {path} failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    /// <summary>The effective user id of this process.</summary>
    public static int EffectiveUserId => (int)GetEUid();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, int uid, int gid);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEUid();
}
