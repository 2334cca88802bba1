namespace Resilience.HealthProbes.Routing;

/// <summary>The member's server in an HAProxy backend, and HAProxy's admin socket through which it is taken out.</summary>
/// <param name="SocketPath">HAProxy's admin socket (<c>stats socket … level admin</c>).</param>
/// <param name="Backend">The backend that routes reads by this member's gate.</param>
/// <param name="Server">The member's server in it.</param>
public sealed record HaproxyServerAddress(string SocketPath, string Backend, string Server)
{
    /// <summary>
    /// Parses <c>backend/server</c> (HAProxy's own spelling of a server, letters, digits and <c>-_.:</c>); null when
    /// <paramref name="text"/> is not of that form.
    /// </summary>
    /// <param name="socketPath">HAProxy's admin socket.</param>
    /// <param name="text">The server, e.g. <c>be_read/s3</c>.</param>
    /// <returns>The address, or null.</returns>
    public static HaproxyServerAddress? TryParse(string socketPath, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        return parts is [var backend, var server] && IsName(backend) && IsName(server) ? new HaproxyServerAddress(socketPath, backend, server) : null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Backend}/{Server} via {SocketPath}";

    private static bool IsName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
