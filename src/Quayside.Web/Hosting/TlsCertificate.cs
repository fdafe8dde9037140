using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Quayside.Web.Hosting;

/// <summary>Where the HTTPS certificate comes from: the user's own PEM pair, or a self-signed one made once in the data folder.</summary>
public sealed record TlsSettings(string CertificatePath, string KeyPath, bool SelfSigned)
{
    public static TlsSettings? Resolve(IConfiguration config, string dataDirectory)
    {
        var mode = config["QUAYSIDE_TLS"];
        var cert = config["QUAYSIDE_TLS_CERT"];
        var key = config["QUAYSIDE_TLS_KEY"];
        if (!string.IsNullOrEmpty(cert) || !string.IsNullOrEmpty(key))
        {
            if (string.IsNullOrEmpty(cert) || string.IsNullOrEmpty(key))
                throw new InvalidOperationException("QUAYSIDE_TLS_CERT and QUAYSIDE_TLS_KEY go together: give both PEM files (the certificate and its private key).");
            return new TlsSettings(Path.GetFullPath(cert), Path.GetFullPath(key), SelfSigned: false);
        }
        return mode switch
        {
            null or "" or "off" => null,
            "self-signed" => new TlsSettings(Path.Combine(dataDirectory, "tls", "quayside.crt"), Path.Combine(dataDirectory, "tls", "quayside.key"), SelfSigned: true),
            _ => throw new InvalidOperationException($"QUAYSIDE_TLS is '{mode}'; accepted: 'self-signed', or 'off'. For your own certificate set QUAYSIDE_TLS_CERT and QUAYSIDE_TLS_KEY."),
        };
    }
}

public static class TlsCertificate
{
    /// <summary>Loads the certificate; a self-signed one that does not exist yet is created first and kept.</summary>
    public static X509Certificate2 LoadOrCreate(TlsSettings tls, TextWriter log)
    {
        if (tls.SelfSigned && !(File.Exists(tls.CertificatePath) && File.Exists(tls.KeyPath)))
        {
            CreateSelfSigned(tls.CertificatePath, tls.KeyPath);
            log.WriteLine($"Created a self-signed TLS certificate in {tls.CertificatePath}; browsers will ask you to accept it once.");
        }
        return X509Certificate2.CreateFromPemFile(tls.CertificatePath, tls.KeyPath);
    }

    private static void CreateSelfSigned(string certPath, string keyPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Quayside", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(Environment.MachineName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));

        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(Path.GetDirectoryName(keyPath)!);
        else
            Directory.CreateDirectory(Path.GetDirectoryName(keyPath)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(keyPath, "");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certPath, cert.ExportCertificatePem());
    }

    /// <summary>Serves HTTPS addresses with the configured certificate.</summary>
    public static void UseQuaysideTls(this IWebHostBuilder host, QuaysideSettings settings)
    {
        if (settings.Tls is null)
            return;
        var cert = LoadOrCreate(settings.Tls, Console.Out);
        host.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = cert));
    }
}
