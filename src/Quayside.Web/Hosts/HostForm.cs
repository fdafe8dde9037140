using System.Text.RegularExpressions;
using Quayside.Engine.Connection;
using Quayside.Engine.Hosts;

namespace Quayside.Web.Hosts;

/// <summary>
/// What the hosts form sends, and what the page's fields bind to. Secrets (TLS key, SSH key and passphrase) left empty when editing keep the saved ones;
/// they are never sent back to the page.
/// </summary>
public sealed partial record HostForm
{
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string? CaPem { get; set; }
    public string? CertPem { get; set; }
    public string? KeyPem { get; set; }
    /// <summary>The user read that plain TCP makes anyone on that network root on that host.</summary>
    public bool AcceptPlainTcp { get; set; }
    public string? SshPrivateKey { get; set; }
    public string? SshPassphrase { get; set; }
    /// <summary>Make a new key pair here; the page then shows its public key for authorized_keys.</summary>
    public bool GenerateSshKey { get; set; }
    public string? ContextName { get; set; }
    /// <summary>Speak this API version to the engine (as DOCKER_API_VERSION does); empty speaks the engine's own.</summary>
    public string? ApiVersion { get; set; }

    public const string PlainTcpWarning =
        "Plain TCP has no encryption and no login: anyone who can reach that port is root on that host. Use TLS or SSH unless the network is yours alone.";

    public bool HasTls => !string.IsNullOrWhiteSpace(CaPem) || !string.IsNullOrWhiteSpace(CertPem) || !string.IsNullOrWhiteSpace(KeyPem);

    /// <summary>Every problem by field, each saying what is wrong and what is accepted. <paramref name="saved"/> is the host being edited.</summary>
    public Dictionary<string, string[]> Validate(bool nameTaken, SavedHostSecrets? saved)
    {
        var problems = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!problems.TryGetValue(field, out var list))
                problems[field] = list = [];
            list.Add(message);
        }

        var name = Name.Trim();
        if (!NameRule().IsMatch(name))
            Add(nameof(Name), $"\"{name}\" is not a host name Quayside accepts: use 1 to 32 lower-case letters, digits and dashes, starting with a letter or digit (it appears in URLs, e.g. prod-1).");
        else if (name == EngineHost.DefaultName)
            Add(nameof(Name), $"\"{EngineHost.DefaultName}\" is the default host's name: choose another.");
        else if (nameTaken)
            Add(nameof(Name), $"A host named \"{name}\" exists already: choose another name, or edit that host.");

        EngineEndpoint? endpoint = null;
        try
        {
            endpoint = EngineEndpoint.Parse(Address);
            if (string.IsNullOrWhiteSpace(Address))
                Add(nameof(Address), "Give the engine's address: unix:///var/run/docker.sock, tcp://HOST:PORT or ssh://USER@HOST[:PORT].");
        }
        catch (FormatException e)
        {
            Add(nameof(Address), e.Message);
        }

        if (!string.IsNullOrWhiteSpace(ApiVersion)
            && (!Engine.Connection.ApiVersion.TryParse(ApiVersion, out var api) || api < Engine.Connection.ApiVersion.Oldest || api.Major != 1))
            Add(nameof(ApiVersion), $"\"{ApiVersion.Trim()}\" is not an API version Quayside can speak: give one like 1.41 (from 1.12 on; docker version shows the engine's), or leave it empty to speak the engine's own.");

        switch (endpoint?.Transport)
        {
            case EngineTransport.Tcp when HasTls || saved?.Tls is not null:
                var tls = MergedTls(saved);
                if (tls is null)
                    Add("Tls", "TLS needs all three: the CA (ca.pem), the client certificate (cert.pem) and its key (key.pem).");
                else
                {
                    try
                    {
                        TlsCertificates.Load(tls).Client.Dispose();
                    }
                    catch (EngineTlsException e)
                    {
                        Add("Tls", e.Message);
                    }
                }
                break;
            case EngineTransport.Tcp when !AcceptPlainTcp:
                Add(nameof(AcceptPlainTcp), PlainTcpWarning + " Tick the box to add it anyway, or give TLS material.");
                break;
            case EngineTransport.Ssh when !GenerateSshKey && string.IsNullOrWhiteSpace(SshPrivateKey) && saved?.SshKey is null:
                Add(nameof(SshPrivateKey), "An SSH host needs a private key: paste one (OpenSSH or PEM), or let Quayside make one.");
                break;
            case EngineTransport.Ssh when !string.IsNullOrWhiteSpace(SshPrivateKey) && SshKeys.Problem(SshPrivateKey, SshPassphrase) is { } keyProblem:
                Add(nameof(SshPrivateKey), keyProblem);
                break;
        }
        return problems.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    /// <summary>The TLS material of the form, with the saved parts standing in for the fields left empty.</summary>
    public TlsMaterial? MergedTls(SavedHostSecrets? saved)
    {
        var ca = Pick(CaPem, saved?.Tls?.CaPem);
        var cert = Pick(CertPem, saved?.Tls?.CertPem);
        var key = Pick(KeyPem, saved?.Tls?.KeyPem);
        return ca is null || cert is null || key is null ? null : new TlsMaterial(ca, cert, key);
    }

    private static string? Pick(string? given, string? saved) => string.IsNullOrWhiteSpace(given) ? saved : given.Trim() + "\n";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex NameRule();

    public override string ToString() => $"HostForm {{ Name = {Name}, Address = {Address} }}";
}

/// <summary>A saved host's secrets, decrypted only to connect or to keep them across an edit.</summary>
public sealed record SavedHostSecrets(TlsMaterial? Tls, string? SshKey, string? SshPassphrase)
{
    public override string ToString() => "SavedHostSecrets { (secret) }";
}
