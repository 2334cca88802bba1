using System.Text.Json.Serialization;
using System.Text.Json;
using Resilience.Topology.Files;

namespace Resilience.LocalCluster.Internal.State;

/// <summary>Reads and writes <c>cluster.json</c>; writers hold an exclusive lock so the CLI and the supervisor do not race.</summary>
internal sealed class StateStore(StateLayout layout)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public StateLayout Layout { get; } = layout;

    public bool Exists => File.Exists(Layout.ClusterFile);

    /// <summary>The state, or null when the stack has none.</summary>
    /// <remarks>
    /// No retry: <see cref="Save"/> replaces the file by rename, so a reader opens either the old or the new file, never
    /// half of one. An IOException here is a real problem and goes to the caller (the supervisor logs it and backs off).
    /// </remarks>
    public ClusterState? TryLoad()
    {
        try
        {
            return JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(Layout.ClusterFile), Json);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Writes atomically (rename), so readers never see half a file.</summary>
    public void Save(ClusterState state)
    {
        AtomicFile.WriteAllText(Layout.ClusterFile, JsonSerializer.Serialize(state, Json));
    }

    /// <summary>Runs <paramref name="change"/> on the current state under the lock and saves it.</summary>
    public async Task<T> UpdateAsync<T>(Func<ClusterState, T> change, CancellationToken ct)
    {
        using var held = await AcquireAsync(ct);
        var state = TryLoad() ?? throw new LocalClusterException($"no cluster state in {Layout.Root}");
        var result = change(state);
        Save(state);
        return result;
    }

    /// <summary>Takes the stack's lock (an exclusive open of <c>.lock</c>, released on dispose).</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Layout.Root);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(Layout.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 1500)
            {
                await Task.Delay(20, ct);
            }
        }
    }
}
