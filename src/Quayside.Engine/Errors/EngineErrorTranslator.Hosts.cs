using Quayside.Engine.Connection;
using Renci.SshNet.Common;

namespace Quayside.Engine.Errors;

/// <summary>TLS and SSH failures: which certificate or key is at fault, and what to do about it.</summary>
public static partial class EngineErrorTranslator
{
    private static EngineProblem? FromTransport(Exception error, EngineEndpoint endpoint)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case var _ when endpoint.Tls is { } material && IsCertificateAlert(e.Message):
                    return new EngineProblem(
                        $"Cannot reach the Docker engine at {endpoint.Address}: the engine refused the client certificate ({ClientSubject(material)}).",
                        "Use a client certificate signed by the CA the engine trusts (its --tlscacert).");
                case EngineTlsException tls:
                    return new EngineProblem($"Cannot reach the Docker engine at {endpoint.Address}: {Uncapitalized(tls.Message)}");
                case SshHostKeyException key:
                    return new EngineProblem(key.Message, key.Pinned is null ? null : "Compare the fingerprint on the host before trusting it.");
                case EngineSshException ssh:
                    return new EngineProblem(ssh.Message.StartsWith(endpoint.Address, StringComparison.Ordinal) ? ssh.Message : $"{endpoint.Address}: {ssh.Message}");
                case SshAuthenticationException:
                    return new EngineProblem(
                        $"{endpoint.Address} refused the key: the SSH login as {endpoint.SshUser} failed ({e.Message.TrimEnd('.')}).",
                        $"Put the host's public key in ~{endpoint.SshUser}/.ssh/authorized_keys on that host.");
                case SshOperationTimeoutException:
                    return new EngineProblem($"{endpoint.Address} did not answer the SSH handshake in time.", "Is sshd running there, and is the port right?");
                case SshConnectionException:
                    return new EngineProblem($"The SSH connection to {endpoint.Address} failed: {e.Message.TrimEnd('.')}.", "Is sshd running there, and does it allow this user?");
            }
        }
        return null;
    }

    // TLS 1.3 sends the server's verdict on the client certificate after the handshake: it arrives as an alert on the first read.
    private static bool IsCertificateAlert(string message) =>
        message.Contains("alert bad certificate", StringComparison.OrdinalIgnoreCase)
        || message.Contains("alert unknown ca", StringComparison.OrdinalIgnoreCase)
        || message.Contains("alert certificate required", StringComparison.OrdinalIgnoreCase)
        || message.Contains("alert certificate unknown", StringComparison.OrdinalIgnoreCase);

    private static string ClientSubject(TlsMaterial tls)
    {
        try
        {
            using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(tls.CertPem);
            return certificate.Subject;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return "unreadable";
        }
    }

    private static string Uncapitalized(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
