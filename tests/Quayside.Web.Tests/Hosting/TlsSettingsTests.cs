using Microsoft.Extensions.Configuration;
using Quayside.Web.Hosting;

namespace Quayside.Web.Tests.Hosting;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TlsSettingsTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "quayside-tls-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_data))
            Directory.Delete(_data, recursive: true);
    }

    private QuaysideSettings Resolve(params (string Key, string Value)[] values) =>
        QuaysideSettings.Resolve(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)).Append(new("QUAYSIDE_DATA", _data)))
            .Build());

    [Fact]
    public void Self_signed_tls_defaults_to_https_on_loopback_and_keeps_its_certificate_in_the_data_folder()
    {
        var settings = Resolve(("QUAYSIDE_TLS", "self-signed"));
        Assert.Equal("https://127.0.0.1:8000", settings.Urls);
        Assert.Equal(Path.Combine(_data, "tls", "quayside.crt"), settings.Tls!.CertificatePath);

        var log = new StringWriter();
        using var first = TlsCertificate.LoadOrCreate(settings.Tls, log);
        Assert.Contains("Created a self-signed TLS certificate", log.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(settings.Tls.KeyPath));
        Assert.True(first.HasPrivateKey);

        var again = new StringWriter();
        using var second = TlsCertificate.LoadOrCreate(settings.Tls, again);
        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.Equal("", again.ToString());
    }

    [Fact]
    public void Own_certificate_needs_both_files_and_an_unknown_mode_is_refused_with_what_is_accepted()
    {
        var half = Assert.Throws<InvalidOperationException>(() => Resolve(("QUAYSIDE_TLS_CERT", "/etc/cert.pem")));
        Assert.Contains("QUAYSIDE_TLS_KEY", half.Message);
        var unknown = Assert.Throws<InvalidOperationException>(() => Resolve(("QUAYSIDE_TLS", "yes")));
        Assert.Contains("'self-signed'", unknown.Message);
        Assert.Null(Resolve().Tls);
        Assert.Equal(QuaysideSettings.DefaultUrls, Resolve().Urls);
    }

    [Fact]
    public void Inside_the_container_the_wildcard_warning_points_at_the_published_port()
    {
        var settings = Resolve(("QUAYSIDE_URLS", "http://0.0.0.0:8000"), ("QUAYSIDE_IN_CONTAINER", "1"));
        Assert.Contains("docker run -p 127.0.0.1:8000:8000", Assert.Single(settings.ExposureWarnings()));
        Assert.Empty(Resolve(("QUAYSIDE_URLS", "https://0.0.0.0:8000"), ("QUAYSIDE_TLS", "self-signed")).ExposureWarnings());
    }
}
