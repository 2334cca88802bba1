using System.Net.Http.Json;
using System.Text;

namespace Resilience.LocalCluster.Internal.Clients;

/// <summary>The few etcd v3 (JSON gateway) calls the supervisor makes: removing a lost member from Patroni's view.</summary>
internal static class EtcdClient
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>Patroni's key of member <paramref name="member"/>.</summary>
    public static string MemberKey(string scope, string member) => $"/resilience/{scope}/members/{member}";

    /// <summary>Deletes <paramref name="key"/>; false when etcd did not answer.</summary>
    public static async Task<bool> DeleteAsync(int clientPort, string key, CancellationToken ct)
    {
        try
        {
            var body = new { key = Convert.ToBase64String(Encoding.UTF8.GetBytes(key)) };
            using var response = await Http.PostAsJsonAsync(new Uri($"http://{LocalClusterConstants.Host}:{clientPort}/v3/kv/deleterange"), body, ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>True when etcd answers its health endpoint.</summary>
    public static async Task<bool> IsHealthyAsync(int clientPort, CancellationToken ct)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri($"http://{LocalClusterConstants.Host}:{clientPort}/health"), ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
