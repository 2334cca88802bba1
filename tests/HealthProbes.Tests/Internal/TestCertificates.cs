using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Resilience.HealthProbes.Tests.Internal;

/// <summary>A throwaway certificate authority and a server certificate for 127.0.0.1 it signed, as PEM files (the key 0600).</summary>
internal static class TestCertificates
{
    /// <summary>Writes ca.pem, server.pem and server.key into <paramref name="directory"/>, and another-ca.pem that signed nothing.</summary>
    public static (string CaFile, string OtherCaFile, string CertFile, string KeyFile) Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var now = DateTimeOffset.UtcNow;
        using var ca = Authority("healthprobes tests CA", now);
        using var other = Authority("healthprobes tests other CA", now);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using var server = request.Create(ca, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(8));

        var files = (Path.Combine(directory, "ca.pem"), Path.Combine(directory, "another-ca.pem"), Path.Combine(directory, "server.pem"), Path.Combine(directory, "server.key"));
        File.WriteAllText(files.Item1, ca.ExportCertificatePem());
        File.WriteAllText(files.Item2, other.ExportCertificatePem());
        File.WriteAllText(files.Item3, server.ExportCertificatePem());
        File.WriteAllText(files.Item4, key.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(files.Item4, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return files;
    }

    private static X509Certificate2 Authority(string name, DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(365));
    }
}
