using System.Security.Cryptography;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Quayside.Engine.Hosts;

/// <summary>SSH key pairs made here for a host, and the check that a pasted key can be read.</summary>
public static class SshKeys
{
    /// <summary>A new RSA 3072 key pair: the private key as PEM, the public key as an authorized_keys line.</summary>
    public static (string PrivatePem, string PublicLine) Generate(string comment)
    {
        using var rsa = RSA.Create(3072);
        var p = rsa.ExportParameters(includePrivateParameters: false);
        var blob = new MemoryStream();
        WriteString(blob, Encoding.ASCII.GetBytes("ssh-rsa"));
        WriteString(blob, MpInt(p.Exponent!));
        WriteString(blob, MpInt(p.Modulus!));
        return (rsa.ExportRSAPrivateKeyPem() + "\n", $"ssh-rsa {Convert.ToBase64String(blob.ToArray())} {comment}");
    }

    /// <summary>Null when the key opens (with the passphrase, if any); otherwise what is wrong, in words.</summary>
    public static string? Problem(string privateKey, string? passphrase)
    {
        try
        {
            using var key = new PrivateKeyFile(new MemoryStream(Encoding.UTF8.GetBytes(privateKey.Trim() + "\n")), string.IsNullOrEmpty(passphrase) ? null : passphrase);
            return null;
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            return "This private key is encrypted: give its passphrase.";
        }
        catch (Exception e) when (e is SshException or CryptographicException or ArgumentException or InvalidOperationException or FormatException or NotSupportedException)
        {
            return string.IsNullOrEmpty(passphrase)
                ? $"This is not a private key Quayside can read ({e.Message.TrimEnd('.')}). Paste an OpenSSH or PEM private key, from its -----BEGIN line to its -----END line."
                : "The passphrase does not open this private key (or the key is not one Quayside can read): check both.";
        }
    }

    private static byte[] MpInt(byte[] unsigned) => unsigned[0] >= 0x80 ? [0, .. unsigned] : unsigned;

    private static void WriteString(Stream s, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        s.Write(length);
        s.Write(bytes);
    }
}
