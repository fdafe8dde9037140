using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Quayside.Engine.Connection;

/// <summary>A two-way byte stream to an engine, and how to tell it that no more input comes.</summary>
public sealed record DialedStream(Stream Stream, Func<ValueTask> CloseWriteAsync);

/// <summary>
/// Opens byte streams to one engine over its transport (unix socket, TCP, TCP with TLS, or SSH through
/// <c>docker system dial-stdio</c>). The HTTP client and the hijacked exec connections both dial through it.
/// </summary>
public abstract class EngineDialer : IDisposable
{
    public static EngineDialer For(EngineEndpoint endpoint) => endpoint.Transport switch
    {
        EngineTransport.Unix => new UnixDialer(endpoint.SocketPath!),
        EngineTransport.Ssh => new SshDialer(endpoint),
        _ => new TcpDialer(endpoint),
    };

    public abstract ValueTask<DialedStream> DialAsync(CancellationToken ct);

    public virtual void Dispose()
    {
    }

    private static DialedStream OverSocket(Socket socket) => new(new NetworkStream(socket, ownsSocket: true), () =>
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        return ValueTask.CompletedTask;
    });

    private sealed class UnixDialer(string path) : EngineDialer
    {
        public override async ValueTask<DialedStream> DialAsync(CancellationToken ct)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
                return OverSocket(socket);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    private sealed class TcpDialer : EngineDialer
    {
        private readonly string _host;
        private readonly int _port;
        private readonly TlsMaterial? _tls;
        private readonly Lazy<(X509Certificate2Collection Ca, X509Certificate2 Client)>? _certificates;

        public TcpDialer(EngineEndpoint endpoint)
        {
            (_host, _port) = endpoint.HostAndPort();
            _tls = endpoint.Tls;
            if (_tls is { } tls)
                _certificates = new(() => TlsCertificates.Load(tls));
        }

        public override async ValueTask<DialedStream> DialAsync(CancellationToken ct)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new DnsEndPoint(_host, _port), ct);
                if (_certificates is null)
                    return OverSocket(socket);
                var (ca, client) = _certificates.Value;
                var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true));
                try
                {
                    await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                    {
                        TargetHost = _host,
                        ClientCertificates = [client],
                        RemoteCertificateValidationCallback = (_, certificate, _, errors) => TlsCertificates.Verify(certificate, errors, ca, _host),
                    }, ct);
                }
                catch (AuthenticationException e)
                {
                    await ssl.DisposeAsync();
                    throw TlsCertificates.Explain(e, ca, client);
                }
                catch (IOException e)
                {
                    await ssl.DisposeAsync();
                    throw new EngineTlsException(
                        $"the engine closed the TLS handshake: it did not accept the client certificate ({client.Subject}). "
                        + "Use a client certificate signed by the CA the engine trusts (its --tlscacert).", e);
                }
                return new DialedStream(ssl, async () =>
                {
                    try
                    {
                        await ssl.ShutdownAsync();
                        socket.Shutdown(SocketShutdown.Send);
                    }
                    catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
                    {
                    }
                });
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public override void Dispose()
        {
            if (_certificates is { IsValueCreated: true } c)
                c.Value.Client.Dispose();
        }
    }
}

/// <summary>A TLS handshake or TLS material refused, in words that name the certificate at fault.</summary>
public sealed class EngineTlsException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reads TLS material and checks an engine's certificate against its CA the way <c>docker --tlsverify</c> does.</summary>
public static class TlsCertificates
{
    /// <summary>Parses the PEM text; a bad PEM is an <see cref="EngineTlsException"/> naming which part is wrong.</summary>
    public static (X509Certificate2Collection Ca, X509Certificate2 Client) Load(TlsMaterial tls)
    {
        var ca = new X509Certificate2Collection();
        try
        {
            ca.ImportFromPem(tls.CaPem);
        }
        catch (CryptographicException e)
        {
            throw new EngineTlsException($"The CA certificate is not a PEM certificate ({e.Message.TrimEnd('.')}). Paste the text of ca.pem, from -----BEGIN CERTIFICATE-----.", e);
        }
        if (ca.Count == 0)
            throw new EngineTlsException("The CA certificate holds no certificate. Paste the text of ca.pem, from -----BEGIN CERTIFICATE-----.");
        try
        {
            // An ephemeral key cannot be used for client authentication on every platform; a PKCS#12 round trip makes it persistable.
            using var pem = X509Certificate2.CreateFromPem(tls.CertPem, tls.KeyPem);
            return (ca, X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null));
        }
        catch (CryptographicException e)
        {
            throw new EngineTlsException(
                $"The client certificate and key do not make a pair ({e.Message.TrimEnd('.')}). Paste cert.pem (-----BEGIN CERTIFICATE-----) and its unencrypted key.pem (-----BEGIN ... PRIVATE KEY-----).", e);
        }
        catch (ArgumentException e)
        {
            throw new EngineTlsException(
                $"The client certificate or key is not PEM text ({e.Message.TrimEnd('.')}). Paste cert.pem (-----BEGIN CERTIFICATE-----) and key.pem (-----BEGIN ... PRIVATE KEY-----).", e);
        }
    }

    public static bool Verify(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection ca, string host)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }

    public static EngineTlsException Explain(AuthenticationException e, X509Certificate2Collection ca, X509Certificate2 client) =>
        e.Message.Contains("remote certificate", StringComparison.OrdinalIgnoreCase)
            ? new EngineTlsException(
                $"the engine's certificate is not trusted: it is not signed by the CA given ({ca[0].Subject}), or it does not name this host. "
                + "Use the CA that signed the engine's --tlscert, and connect by a name or address in that certificate.", e)
            : new EngineTlsException(
                $"the TLS handshake failed ({e.Message.TrimEnd('.')}); the engine may not accept the client certificate ({client.Subject}).", e);
}
